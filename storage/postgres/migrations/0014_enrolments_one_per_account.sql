-- 0014 (PostgreSQL): one open account-level enrolment per rep and cadence, as SQLite's 0014.
UPDATE enrolments SET state = 'exited', exit_reason = 'duplicate', updated_at = started_at
WHERE contact_id IS NULL AND state IN ('active', 'paused')
  AND id > (SELECT min(e.id) FROM enrolments e
            WHERE e.account_id = enrolments.account_id AND e.cadence_key = enrolments.cadence_key
              AND e.owner_id = enrolments.owner_id
              AND e.contact_id IS NULL AND e.state IN ('active', 'paused'));
CREATE UNIQUE INDEX enrolments_one_active_account
    ON enrolments(account_id, cadence_key, owner_id)
    WHERE state IN ('active', 'paused') AND contact_id IS NULL;
