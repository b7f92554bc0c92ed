-- AttributedOrder.orderState as json, not jsonb (issue 16 §1, WAL per delivery). The state is read
-- and written whole (app/domain/commission/order-state.ts), never queried inside, and every order
-- worked writes it uncompressed (the row is below the 2 KiB TOAST threshold): jsonb stores each
-- array element with a 4-byte entry and numbers as numeric, about twice the text of the positional
-- arrays. Rewrites the table (an ACCESS EXCLUSIVE lock for its length): see README › Deploying.
ALTER TABLE "AttributedOrder" ALTER COLUMN "orderState" TYPE json USING "orderState"::json;
