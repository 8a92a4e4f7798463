"""On a shared server a person signs as themselves, reads their townships' trail, keeps the tree

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-08 01:45:00

Found by connecting with psql as each kind of login of the county demo:

- ``audit_log`` took any entry from any login: one signed with another person's name (a
  clerk of 清溪镇 wrote 王丽萍 of 石门乡 deleting a certificate), or one whose ``prev_hash`` or
  ``hash`` did not fit, after which ``jianfu audit verify`` reported the whole trail as
  tampered with from that entry on. A BEFORE INSERT trigger now refuses, for every login but
  the table's owner, an entry whose operator is not the person's own name (``app_user.
  display_name``, as the app signs, cut to the column's 40 characters), one that does not
  continue the chain (its ``prev_hash`` not the last entry's hash, read under the app's own
  advisory lock of the chain, ``db.locks.AUDIT_CHAIN``), and one whose hash is not the
  SHA-256 of its content (``repositories.audit._digest``).
- ``case_step.operator`` could name someone else: the reviewer could write the county's
  opinion on the 审批表 as another person. The same check of the name runs before 0018's
  guard of the steps.
- a township's clerk could change their township's own row (``unit_change`` lets them write
  it, for its name): its ``parent_id`` (moving the township under another county, or out of
  every county and so out of its reviewer's sight) and its ``type``; and could make a unit of
  theirs a township, county or city. A trigger on ``unit`` now refuses, for a clerk, a new
  parent or type of the township and any type above a village below it; the administrator
  and the owner change the tree as before.

- every login read the whole audit trail, which has no row-level security: a clerk of 清溪镇
  read 石门乡's certificates in it (applicant, what was to be proved, for whom, the village),
  its tasks, cases and boards, and so did a county's reviewer another county's. The trail
  gets a ``township_id`` (on the server only, not in the models, as 0019's child tables): a
  clerk's entry is their township's, another's the township of the record it names (a task,
  case, certificate, board, burden, village or township's settings, found by
  ``jianfu_audit_township``), the rest (lists, departments, people, the calendar) stays
  shared; existing entries are given theirs. A person reads the entries of the townships they
  see and the shared ones. The chain still runs through everyone's: the app reads the last
  hash through ``jianfu_audit_last_hash()`` and the server walks the chain for a check
  (``jianfu_audit_chain_check()``; both SECURITY DEFINER, answering only hashes, counts and
  the first broken entry's id and time).

The owner is left outside row-level security on purpose (no FORCE): it runs the migrations
and ``jianfu users``, and the SECURITY DEFINER helpers read as it. SQLite has no logins:
nothing changes there.
"""

from alembic import op

revision = "0038"
down_revision = "0037"
branch_labels = None
depends_on = None

_FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION jianfu_signed_by_the_person() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    me text;
    written text := to_jsonb(NEW) ->> TG_ARGV[0];
    labels jsonb := '{"audit_log": "操作记录", "case_step": "案件办理记录"}'::jsonb;
BEGIN
    IF pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                   'USAGE') THEN
        RETURN NEW;
    END IF;
    SELECT left(a.display_name, 40) INTO me FROM app_user a
    WHERE a.login = current_user AND a.active;
    IF NOT FOUND THEN
        RETURN NEW;  -- not a person: jianfu_refuse_unregistered_writes refuses the statement
    END IF;
    IF written IS DISTINCT FROM me THEN
        RAISE EXCEPTION '%只能以本人（%）的名义写入，不能写成“%”。',
            coalesce(labels ->> TG_TABLE_NAME, TG_TABLE_NAME), me, written
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION jianfu_audit_log_chained() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    last text;
BEGIN
    IF pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                   'USAGE') THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(7406511, 0);  -- db.locks.AUDIT_CHAIN, as the app takes it
    last := jianfu_audit_last_hash();  -- the trail's last entry, read or not by this login
    IF NEW.prev_hash IS DISTINCT FROM coalesce(last, '') THEN
        RAISE EXCEPTION '操作记录只能接续在最后一条之后追加（上一条的校验值不符）。'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.hash IS DISTINCT FROM encode(sha256(convert_to(concat_ws(chr(31),
            NEW.prev_hash, to_char(NEW.at, 'YYYY-MM-DD"T"HH24:MI:SS.US'), NEW.operator,
            NEW.action, NEW.entity, NEW.entity_id, coalesce(NEW.before, ''),
            coalesce(NEW.after, '')), 'UTF8')), 'hex') THEN
        RAISE EXCEPTION '操作记录的校验值与内容不符，不能追加。'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION jianfu_unit_tree_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    own integer;
BEGIN
    IF jianfu_person_role() IS DISTINCT FROM 'clerk' THEN
        RETURN NEW;  -- the administrator and the owner; others hold no write on unit
    END IF;
    own := jianfu_own_township();
    IF TG_OP = 'UPDATE' AND OLD.id = own THEN
        IF NEW.id IS DISTINCT FROM OLD.id OR NEW.parent_id IS DISTINCT FROM OLD.parent_id
                OR NEW.type IS DISTINCT FROM OLD.type THEN
            RAISE EXCEPTION '本乡镇(街道)“%”的上级单位和类型只有管理员可以修改。', OLD.name
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.type NOT IN ('村', '城市社区', '涉农社区') THEN
        RAISE EXCEPTION '乡镇经办人员只能登记村(社区)，“%”设为“%”须由管理员办理。',
            NEW.name, NEW.type USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION jianfu_audit_last_hash() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT l.hash FROM audit_log l ORDER BY l.id DESC LIMIT 1
$$;

CREATE OR REPLACE FUNCTION jianfu_audit_township(entity text, entity_id text) RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
DECLARE
    rid integer;
    town integer;
BEGIN
    IF entity_id IS NULL OR entity_id !~ '^[0-9]{1,9}$' THEN
        RETURN NULL;
    END IF;
    rid := entity_id::integer;
    CASE entity
        WHEN 'task' THEN SELECT t.township_id INTO town FROM task_request t WHERE t.id = rid;
        WHEN 'admission_case' THEN
            SELECT c.township_id INTO town FROM admission_case c WHERE c.id = rid;
        WHEN 'certificate_request' THEN
            SELECT c.township_id INTO town FROM certificate_request c WHERE c.id = rid;
        WHEN 'signboard' THEN SELECT b.township_id INTO town FROM signboard b WHERE b.id = rid;
        WHEN 'burden' THEN SELECT b.township_id INTO town FROM burden b WHERE b.id = rid;
        WHEN 'settings' THEN
            SELECT u.id INTO town FROM unit u WHERE u.id = rid AND u.type = '乡镇(街道)';
        WHEN 'unit' THEN
            SELECT CASE WHEN u.type = '乡镇(街道)' THEN u.id ELSE p.id END INTO town
            FROM unit u LEFT JOIN unit p ON p.id = u.parent_id AND p.type = '乡镇(街道)'
            WHERE u.id = rid;
        ELSE
            town := NULL;
    END CASE;
    RETURN town;
END;
$$;

CREATE OR REPLACE FUNCTION jianfu_audit_log_township() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- a clerk's entry is their township's; another's, the township of the record it names
    NEW.township_id := coalesce(jianfu_own_township(),
                                jianfu_audit_township(NEW.entity, NEW.entity_id));
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION jianfu_audit_chain_check()
RETURNS TABLE (checked integer, broken_id integer, broken_at timestamp, last_hash text)
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
DECLARE
    prev text := '';
    n integer := 0;
    r record;
BEGIN
    FOR r IN SELECT l.id, l.at, l.operator, l.action, l.entity, l.entity_id, l.before,
                    l.after, l.prev_hash, l.hash
             FROM audit_log l ORDER BY l.id LOOP
        IF r.prev_hash IS DISTINCT FROM prev OR r.hash IS DISTINCT FROM encode(sha256(
                convert_to(concat_ws(chr(31), prev, to_char(r.at, 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                r.operator, r.action, r.entity, r.entity_id, coalesce(r.before, ''),
                coalesce(r.after, '')), 'UTF8')), 'hex') THEN
            RETURN QUERY SELECT n, r.id, r.at, ''::text;
            RETURN;
        END IF;
        prev := r.hash;
        n := n + 1;
    END LOOP;
    RETURN QUERY SELECT n, NULL::integer, NULL::timestamp, prev;
END;
$$;

ALTER TABLE audit_log ADD COLUMN township_id integer;
CREATE INDEX ix_audit_log_township_id ON audit_log (township_id);
UPDATE audit_log SET township_id = jianfu_audit_township(entity, entity_id);
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT
    USING (township_id IS NULL
           OR township_id = ANY (ARRAY(SELECT jianfu_visible_townships())));
CREATE POLICY audit_log_add ON audit_log FOR INSERT WITH CHECK (true);
-- no one but the owner changes an entry (0011's trigger says so to whoever tries, on the rows
-- they read; the groups hold no UPDATE or DELETE anyway)
CREATE POLICY audit_log_change ON audit_log FOR UPDATE
    USING (township_id IS NULL
           OR township_id = ANY (ARRAY(SELECT jianfu_visible_townships())));
CREATE POLICY audit_log_remove ON audit_log FOR DELETE
    USING (township_id IS NULL
           OR township_id = ANY (ARRAY(SELECT jianfu_visible_townships())));

CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION jianfu_audit_log_chained();
CREATE TRIGGER audit_log_signed_by_the_person BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION jianfu_signed_by_the_person('operator');
CREATE TRIGGER audit_log_township BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION jianfu_audit_log_township();
CREATE TRIGGER case_step_by_its_person BEFORE INSERT ON case_step
    FOR EACH ROW EXECUTE FUNCTION jianfu_signed_by_the_person('operator');
CREATE TRIGGER unit_tree_guard BEFORE INSERT OR UPDATE ON unit
    FOR EACH ROW EXECUTE FUNCTION jianfu_unit_tree_guard();
"""

FUNCTIONS = (
    "jianfu_signed_by_the_person",
    "jianfu_audit_log_chained",
    "jianfu_unit_tree_guard",
    "jianfu_audit_last_hash",
    "jianfu_audit_township",
    "jianfu_audit_log_township",
    "jianfu_audit_chain_check",
)
#: their arguments, for ALTER and DROP
_ARGS = {"jianfu_audit_township": "text, text"}

#: the search path of 0028: the functions' own schema, then pg_temp
PIN = (
    "DO $$ BEGIN "
    + " ".join(
        f"EXECUTE pg_catalog.format('ALTER FUNCTION {name}({_ARGS.get(name, '')}) "
        "SET search_path = %I, pg_temp', pg_catalog.current_schema());"
        for name in FUNCTIONS
    )
    + " END $$"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_FUNCTIONS)
    op.execute(PIN)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS unit_tree_guard ON unit")
    op.execute("DROP TRIGGER IF EXISTS case_step_by_its_person ON case_step")
    op.execute("DROP TRIGGER IF EXISTS audit_log_chained ON audit_log")
    op.execute("DROP TRIGGER IF EXISTS audit_log_signed_by_the_person ON audit_log")
    op.execute("DROP TRIGGER IF EXISTS audit_log_township ON audit_log")
    for policy in ("read", "add", "change", "remove"):
        op.execute(f"DROP POLICY IF EXISTS audit_log_{policy} ON audit_log")
    op.execute("ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE audit_log DROP COLUMN IF EXISTS township_id")
    for name in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {name}({_ARGS.get(name, '')})")
