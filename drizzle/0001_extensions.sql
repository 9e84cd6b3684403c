-- Extensions the invariants of DESIGN.md §3 stand on.
-- btree_gist lets one EXCLUDE USING gist constraint combine equality on a plain
-- column (vehicle_id, trip_id, seat_no) with overlap on a range, which is how the
-- database itself refuses a double-booked car or seat. It is a trusted extension
-- (PostgreSQL >= 13), so a database owner without superuser may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;
