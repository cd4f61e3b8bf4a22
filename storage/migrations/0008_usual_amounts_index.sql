-- A member's usual amount of a product is read on every harvest message: the index now
-- holds the amounts (and the status its condition names, which SQLite wants to see in an
-- index before it reads from the index alone), so the read never visits the rows.

DROP INDEX harvests_member_product_day;
CREATE INDEX harvests_member_product_day
    ON harvests(member_id, product_id, day DESC, id DESC, amount, status)
    WHERE status = 'recorded';
