-- alerts_call duplicated the first column of the alerts primary key (call_id, seq), which already serves every
-- lookup by call_id: it only made each stored alert write one more randomly placed index page.
DROP INDEX IF EXISTS alerts_call;
