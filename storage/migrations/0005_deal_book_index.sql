-- 0005: a covering index for the book questions (pipeline, forecast, per-rep totals): a
-- manager's pipeline reads thousands of deals, and without the amount in the index each one
-- costs a table lookup (~10 ms for a team of ten at the medium scale).

CREATE INDEX deals_book ON deals(owner_id, status, stage_key, amount, currency, close_date);
