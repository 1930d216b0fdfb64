-- The inbox prune finds handled rows past the keep window by state and handled_at; without
-- this index each batch would scan the whole journal (every update ever received).
CREATE INDEX inbox_handled ON inbox(state, handled_at);
