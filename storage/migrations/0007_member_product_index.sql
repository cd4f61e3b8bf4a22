-- A member's latest entries of each product, read on every harvest message to tell an
-- unusual amount: without this index the read numbered all of the member's entries of the
-- last 180 days, and grew with them (166 µs at 170 rows, see benchmarks/ingest.py).

CREATE INDEX harvests_member_product_day
    ON harvests(member_id, product_id, day DESC, id DESC) WHERE status = 'recorded';
