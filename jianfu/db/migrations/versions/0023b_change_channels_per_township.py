"""A township's saves are announced on a channel only those who may read it can name

Revision ID: 0023b
Revises: 0023
Create Date: 2026-12-06 00:30:00

PostgreSQL has no privilege on LISTEN: any login that connects may listen on any channel and
hears every notification sent there. With 0022's one channel, a clerk of another township
(anyone who could connect) learnt "township N changed table T at time t" for every township of
the server, though row-level security hides those rows from them.

Now the rows of one township are announced on a channel of its own whose name holds 128 random
bits (``jianfu_changes_`` and 32 hex digits, from gen_random_uuid), kept in ``change_channel``
under row-level security with the policies' own rule: a clerk reads their township's name, the
reviewer and the mechanism those of the townships below them, the administrator and the owner
all of them, a login with no person none. Who cannot read a township's rows cannot name its
channel, so is never told of its saves. The payload is still ``<table>:<township id>``, never
anything of the row. What every person may read (lists, departments, the calendar, people,
units) stays on the shared channel ``jianfu_changes`` as before. A new township gets its channel
at its first save (the announcing trigger, SECURITY DEFINER, adds it) or when its unit is added.

The channel's name is no password of its own: a person who could read a township once (a clerk
moved to another township) keeps the name they read; ``jianfu_renew_change_channels()`` (the
owner's) draws new names. SQLite has nobody else to tell: nothing to do there.
"""

from alembic import op

revision = '0023b'
down_revision = '0023'
branch_labels = None
depends_on = None

CHANNEL = 'jianfu_changes'
TOWNSHIP = '乡镇(街道)'
NEW_NAME = f"'{CHANNEL}_' || replace(gen_random_uuid()::text, '-', '')"

_TABLE = f"""
CREATE TABLE change_channel (
    township_id integer PRIMARY KEY REFERENCES unit (id) ON DELETE CASCADE,
    channel varchar(63) NOT NULL UNIQUE
);
COMMENT ON TABLE change_channel IS
    'LISTEN/NOTIFY channel of each township (migration 0023b): readable where its rows are';
ALTER TABLE change_channel ENABLE ROW LEVEL SECURITY;
CREATE POLICY change_channel_read ON change_channel FOR SELECT
    USING (township_id IN (SELECT jianfu_visible_townships()));
INSERT INTO change_channel (township_id, channel)
    SELECT id, {NEW_NAME} FROM unit WHERE type = '{TOWNSHIP}';
"""

_FUNCTIONS = f"""
-- SECURITY DEFINER: it reads (and adds) the channel of a township the writer may not read,
-- e.g. the reviewer's status change of a case; it sends nothing else
CREATE OR REPLACE FUNCTION jianfu_announce_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    towns integer[] := ARRAY[]::integer[];
    town integer;
    ch text;
BEGIN
    IF TG_ARGV[0] = 'township' THEN
        IF TG_OP <> 'INSERT' THEN towns := towns || OLD.township_id; END IF;
        IF TG_OP <> 'DELETE' THEN towns := towns || NEW.township_id; END IF;
        FOREACH town IN ARRAY towns LOOP
            IF town IS NULL THEN  -- a row of no township (the settings' defaults): everyone's
                PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
                CONTINUE;
            END IF;
            SELECT channel INTO ch FROM change_channel WHERE township_id = town;
            IF ch IS NULL THEN
                INSERT INTO change_channel (township_id, channel) VALUES (town, {NEW_NAME})
                ON CONFLICT (township_id) DO NOTHING;
                SELECT channel INTO ch FROM change_channel WHERE township_id = town;
            END IF;
            PERFORM pg_notify(ch, TG_TABLE_NAME || ':' || town);
        END LOOP;
        RETURN NULL;
    END IF;
    IF TG_ARGV[0] = 'unit' THEN
        -- the tree is everyone's to read: a township is its own; a village its parent's
        IF TG_OP <> 'INSERT' THEN
            towns := towns || CASE WHEN OLD.type = '{TOWNSHIP}' THEN OLD.id
                WHEN OLD.type NOT IN ('市', '县(市、区)') THEN OLD.parent_id END;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            towns := towns || CASE WHEN NEW.type = '{TOWNSHIP}' THEN NEW.id
                WHEN NEW.type NOT IN ('市', '县(市、区)') THEN NEW.parent_id END;
            IF NEW.type = '{TOWNSHIP}' THEN  -- a new township: its channel before anyone listens
                INSERT INTO change_channel (township_id, channel) VALUES (NEW.id, {NEW_NAME})
                ON CONFLICT (township_id) DO NOTHING;
            END IF;
        END IF;
    ELSE
        towns := ARRAY[NULL]::integer[];
    END IF;
    FOREACH town IN ARRAY towns LOOP
        PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || coalesce(':' || town, ''));
    END LOOP;
    RETURN NULL;
END;
$$;

-- new names for every township's channel (e.g. after a person moved to another township);
-- the listening windows hear 'change_channel' and listen again
CREATE OR REPLACE FUNCTION jianfu_renew_change_channels() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    UPDATE change_channel SET channel = {NEW_NAME};
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM pg_notify('{CHANNEL}', 'change_channel');
    RETURN n;
END;
$$;
REVOKE EXECUTE ON FUNCTION jianfu_renew_change_channels() FROM PUBLIC;
"""

#: 0022's function, put back by the downgrade
_OLD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION jianfu_announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    towns integer[] := ARRAY[]::integer[];
    town integer;
BEGIN
    IF TG_ARGV[0] = 'township' THEN
        IF TG_OP <> 'INSERT' THEN towns := towns || OLD.township_id; END IF;
        IF TG_OP <> 'DELETE' THEN towns := towns || NEW.township_id; END IF;
    ELSIF TG_ARGV[0] = 'unit' THEN
        -- a township is its own; a village belongs to its parent; a county or city to nobody
        IF TG_OP <> 'INSERT' THEN
            towns := towns || CASE WHEN OLD.type = '{TOWNSHIP}' THEN OLD.id
                WHEN OLD.type NOT IN ('市', '县(市、区)') THEN OLD.parent_id END;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            towns := towns || CASE WHEN NEW.type = '{TOWNSHIP}' THEN NEW.id
                WHEN NEW.type NOT IN ('市', '县(市、区)') THEN NEW.parent_id END;
        END IF;
    ELSE
        towns := ARRAY[NULL]::integer[];
    END IF;
    FOREACH town IN ARRAY towns LOOP
        PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || coalesce(':' || town, ''));
    END LOOP;
    RETURN NULL;
END;
$$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_TABLE)
    op.execute(_FUNCTIONS)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_OLD_FUNCTION)
    op.execute('DROP FUNCTION IF EXISTS jianfu_renew_change_channels()')
    op.execute('DROP TABLE IF EXISTS change_channel')
