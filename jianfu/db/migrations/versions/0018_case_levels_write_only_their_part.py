"""Each level of an admission case writes only its own part, at its own step; then it is frozen

Revision ID: 0018
Revises: 0019
Create Date: 2026-12-05 21:00:00

Migration 0010's trigger looked at a case's status only: a clerk could still rewrite an
approved case's terms (approved period, conditions, funds, staffing) and, through case_step,
the mechanism's and the reviewer's opinions, names and dates. On PostgreSQL two triggers now
refuse, with a message naming the case and the column, to anyone but the administrator or
the database's owner:

- admission_case: the decision columns except by the mechanism at 协调机制审批 (frozen once
  decided); the township's request except by a clerk while the case is at the township; any
  other column (list item, id; row-level security
  keeps the township); a status change that is not a step of the person's
  level (``jianfu.domain.case_levels.ROLE_STEPS``); deleting a case that went above the
  township; any change by a login that is no registered person.
- case_step (the opinions: who, when, what): a step is added only as the next one, matching
  the case's status, by the level whose step it is; a written step is never changed or deleted.

The app checks the same before every flush (``jianfu.db.case_guard``), on SQLite too; the
messages are the same. SQLite gets nothing here: one township, no roles. Downgrade puts back
0010's status-only trigger.
"""

from alembic import op

revision = '0018'
down_revision = '0019'
branch_labels = None
depends_on = None

_REQUEST = {
    'task_id': '对应事项', 'level': '协调机制层级', 'decision_working_days': '审批时限',
    'serial_number': '受理编号', 'title': '事项名称', 'department': '申请单位',
    'department_id': '申请单位', 'content': '村(社区)承担的工作', 'villages': '涉及村(社区)',
    'received_on': '收文日期', 'start_date': '实施起始日期', 'end_date': '实施结束日期',
    'nature': '事项性质', 'document_number': '文号', 'basis': '依据',
    'delegated_powers': '赋予的权限', 'funding': '经费保障', 'support': '支持措施',
    'assessment': '评估意见', 'contact': '联系人', 'phone': '联系电话',
}
_DECISION = {
    'approved_start': '批准的实施起始日期', 'approved_end': '批准的实施结束日期',
    'conditions': '准入条件', 'approved_funding': '批准的经费保障', 'staffing': '人员保障',
}
_OTHER = {
    'id': '案件编号', 'list_item_id': '列入的清单事项',
    'created_at': '创建时间',
}
_STEP = {
    'id': '编号', 'case_id': '所属案件', 'seq': '顺序', 'status': '环节', 'action': '办理事项',
    'at': '办理时间', 'operator': '办理人', 'comment': '意见', 'township_id': '所属乡镇(街道)',
}
#: (role, from status, action, to status): the steps each person records on a shared server
_STEPS = (
    ('clerk', '已受理', '提交乡镇意见', '乡镇意见'),
    ('clerk', '乡镇意见', '提交县级审核', '县级审核'),
    ('clerk', '退回补正', '补正后重新受理', '已受理'),
    ('clerk', '批准准入', '退出', '已退出'),
    ('reviewer', '县级审核', '报协调机制', '协调机制审批'),
    ('reviewer', '县级审核', '退回补正', '退回补正'),
    ('mechanism', '协调机制审批', '批准', '批准准入'),
    ('mechanism', '协调机制审批', '不予准入', '不予准入'),
    ('mechanism', '协调机制审批', '退回补正', '退回补正'),
)
_ABOVE = ('县级审核', '协调机制审批', '批准准入', '不予准入', '已退出', '退回补正')


def _json(d: dict[str, str]) -> str:
    inner = ', '.join(f'"{k}": "{v}"' for k, v in d.items())
    return "'{" + inner + "}'::jsonb"


def _list(values) -> str:
    return ', '.join(f"'{v}'" for v in values)


_STEPS_SQL = ', '.join(f"({_list(s)})" for s in _STEPS)

_FUNCTIONS = f"""
-- the owner of the table (the role that ran the migrations), a superuser or the
-- administrator: they may correct anything. The owner is asked first, from pg_class: the
-- owner's bulk writes (the city demo's steps) pay one cheap test per row
CREATE OR REPLACE FUNCTION jianfu_may_correct_cases(rel oid) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(pg_has_role(current_user,
                                (SELECT relowner FROM pg_class WHERE oid = rel), 'USAGE'), false)
        OR jianfu_is_admin()
$$;

CREATE OR REPLACE FUNCTION jianfu_case_name(title text, serial text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT '案件“' || title || '”'
        || CASE WHEN coalesce(serial, '') <> '' THEN '（受理编号 ' || serial || '）' ELSE '' END
$$;

CREATE OR REPLACE FUNCTION jianfu_role_label(who text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE who WHEN 'clerk' THEN '乡镇经办人员' WHEN 'reviewer' THEN '县级审核人员'
                    WHEN 'mechanism' THEN '协调机制人员' ELSE '当前账户' END
$$;

CREATE OR REPLACE FUNCTION jianfu_case_steps()
RETURNS TABLE (role text, from_status text, action text, to_status text)
LANGUAGE sql IMMUTABLE AS $$
    VALUES {_STEPS_SQL}
$$;

CREATE OR REPLACE FUNCTION jianfu_case_levels_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    who text;
    whom text;
    name text;
    col text;
    label text;
    request jsonb := {_json(_REQUEST)};
    decision jsonb := {_json(_DECISION)};
    other jsonb := {_json(_OTHER)};
BEGIN
    IF jianfu_may_correct_cases(TG_RELID) THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    who := jianfu_person_role();
    whom := jianfu_role_label(who);
    name := jianfu_case_name(OLD.title, OLD.serial_number);
    IF who IS NULL THEN
        RAISE EXCEPTION '%：数据库账户 % 未登记为本系统人员，不能修改或删除案件。',
            name, current_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF OLD.status IN ({_list(_ABOVE)}) OR EXISTS (
                SELECT 1 FROM case_step s WHERE s.case_id = OLD.id
                AND s.status IN ({_list(_ABOVE)})) THEN
            RAISE EXCEPTION '%已报送上级办理，不能删除；如确需删除，请联系管理员。', name
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    FOR col IN
        SELECT n.key FROM jsonb_each(to_jsonb(NEW)) n
        WHERE n.value IS DISTINCT FROM (to_jsonb(OLD) -> n.key)
          AND n.key NOT IN ('version', 'updated_at', 'status', 'township_id')
        ORDER BY n.key COLLATE "C"
    LOOP
        IF decision ? col THEN
            label := decision ->> col;
            IF who <> 'mechanism' THEN
                RAISE EXCEPTION '%的“%”是协调机制的准入决定，只有协调机制在“协调机制审批”环节可以填写；%不能修改。',
                    name, label, whom USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF OLD.status IN ('批准准入', '不予准入', '已退出') THEN
                RAISE EXCEPTION '%的准入决定已经作出（现为“%”），“%”不能再修改；如确需更正，请联系管理员。',
                    name, OLD.status, label USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF OLD.status <> '协调机制审批' THEN
                RAISE EXCEPTION '%的“%”只能在“协调机制审批”环节由协调机制填写（现为“%”）。',
                    name, label, OLD.status USING ERRCODE = 'insufficient_privilege';
            END IF;
        ELSIF request ? col THEN
            label := request ->> col;
            IF who <> 'clerk' THEN
                RAISE EXCEPTION '%的“%”是乡镇(街道)的申请内容，只有乡镇经办人员可以修改；%不能修改。',
                    name, label, whom USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF OLD.status NOT IN ('已受理', '乡镇意见', '退回补正') THEN
                RAISE EXCEPTION '%已报送上级（现为“%”），乡镇(街道)的申请内容“%”不能再修改；退回补正后方可修改。',
                    name, OLD.status, label USING ERRCODE = 'insufficient_privilege';
            END IF;
        ELSE
            RAISE EXCEPTION '%的“%”只有管理员可以修改；%不能修改。',
                name, coalesce(other ->> col, col), whom USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
            SELECT 1 FROM jianfu_case_steps() s
            WHERE s.role = who AND s.from_status = OLD.status AND s.to_status = NEW.status) THEN
        IF NEW.status IN ('批准准入', '不予准入') AND who <> 'mechanism' THEN
            RAISE EXCEPTION '%：只有协调机制可以作出准入决定（批准准入或不予准入）；乡镇经办和县级审核人员无权决定。',
                name USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status IN ('批准准入', '不予准入', '已退出') THEN
            RAISE EXCEPTION '%的准入决定已经作出（现为“%”），%不能把它改为“%”；如确需更正，请联系管理员。',
                name, OLD.status, whom, NEW.status USING ERRCODE = 'insufficient_privilege';
        END IF;
        RAISE EXCEPTION '%现为“%”，%不能把它改为“%”。', name, OLD.status, whom, NEW.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION jianfu_case_step_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    who text;
    whom text;
    name text := '案件';
    c_title text;
    c_serial text;
    c_status text;
    case_ref integer;
    seen boolean;
    last_seq integer;
    prev text;
    owner_role text;
    cols text;
    head text;
    labels jsonb := {_json(_STEP)};
BEGIN
    IF jianfu_may_correct_cases(TG_RELID) THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    who := jianfu_person_role();
    whom := jianfu_role_label(who);
    IF TG_OP = 'INSERT' THEN
        case_ref := NEW.case_id;
    ELSE
        case_ref := OLD.case_id;
    END IF;
    SELECT title, serial_number, status INTO c_title, c_serial, c_status
    FROM admission_case WHERE id = case_ref;
    seen := FOUND;
    IF seen THEN
        name := jianfu_case_name(c_title, c_serial);
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        head := format('%s的第 %s 步“%s”，%s已经写入，办理记录只能追加',
                       name, OLD.seq, OLD.action, to_char(OLD.at, 'YYYY-MM-DD'));
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION '%，不能删除；如确需更正，请联系管理员。', head
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT string_agg('“' || coalesce(labels ->> n.key, n.key) || '”', '、'
                          ORDER BY n.key COLLATE "C") INTO cols
        FROM jsonb_each(to_jsonb(NEW)) n WHERE n.value IS DISTINCT FROM (to_jsonb(OLD) -> n.key);
        IF cols IS NULL THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '%，%不能修改；如确需更正，请联系管理员。', head, cols
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT seen THEN
        RETURN NEW;  -- a case the person cannot see: row-level security refuses the row
    END IF;
    IF who IS NULL THEN
        RAISE EXCEPTION '%：数据库账户 % 未登记为本系统人员，不能办理案件。', name, current_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT s.seq, s.status INTO last_seq, prev FROM case_step s
    WHERE s.case_id = NEW.case_id ORDER BY s.seq DESC LIMIT 1;
    IF NEW.seq IS DISTINCT FROM coalesce(last_seq, 0) + 1 THEN
        RAISE EXCEPTION '%的办理记录只能依次追加（下一步应为第 % 步）。', name, coalesce(last_seq, 0) + 1
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.status IS DISTINCT FROM c_status THEN
        RAISE EXCEPTION '%现为“%”，办理记录的环节“%”与之不符。', name, c_status, NEW.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF prev IS NULL THEN
        IF who = 'clerk' AND NEW.action = '受理' AND NEW.status = '已受理' THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '%：只有乡镇经办人员可以受理案件。', name
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM jianfu_case_steps() s WHERE s.role = who AND s.from_status = prev
               AND s.action = NEW.action AND s.to_status = NEW.status) THEN
        RETURN NEW;
    END IF;
    SELECT s.role INTO owner_role FROM jianfu_case_steps() s
    WHERE s.from_status = prev AND s.action = NEW.action LIMIT 1;
    IF owner_role IS NOT NULL THEN
        RAISE EXCEPTION '%的“%”是%的意见，只有%在“%”环节可以填写；%不能填写。',
            name, NEW.action, rtrim(jianfu_role_label(owner_role), '人员'),
            jianfu_role_label(owner_role), prev, whom USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION '%现为“%”，%不能在这一环节记录“%”。', name, prev, whom, NEW.action
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""

#: migration 0010's trigger, put back by the downgrade
_OLD_GUARD = """
CREATE OR REPLACE FUNCTION jianfu_case_decision_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    who text := jianfu_person_role();
BEGIN
    IF NEW.status IS NOT DISTINCT FROM OLD.status OR who IS NULL OR who = 'admin' THEN
        RETURN NEW;
    END IF;
    IF NEW.status IN ('批准准入', '不予准入') AND who IN ('clerk', 'reviewer') THEN
        RAISE EXCEPTION '只有协调机制可以作出准入决定（批准准入或不予准入）；乡镇经办和县级审核人员无权决定。'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF who = 'clerk' AND OLD.status IN ('县级审核', '协调机制审批') THEN
        RAISE EXCEPTION '案件已报送上级（%），乡镇经办人员不能再改变它的环节。', OLD.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF who = 'reviewer' AND OLD.status <> '县级审核' THEN
        RAISE EXCEPTION '县级审核人员只能办理处于“县级审核”环节的案件（此案件现为“%”）。', OLD.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF who = 'mechanism' AND OLD.status NOT IN ('协调机制审批', '批准准入') THEN
        RAISE EXCEPTION '协调机制只能办理已报到协调机制的案件（此案件现为“%”）。', OLD.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER admission_case_decision_guard BEFORE UPDATE ON admission_case
FOR EACH ROW EXECUTE FUNCTION jianfu_case_decision_guard();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('DROP TRIGGER IF EXISTS admission_case_decision_guard ON admission_case')
    op.execute('DROP FUNCTION IF EXISTS jianfu_case_decision_guard()')
    op.execute(_FUNCTIONS)
    op.execute(
        'CREATE TRIGGER admission_case_levels_guard BEFORE UPDATE OR DELETE ON admission_case '
        'FOR EACH ROW EXECUTE FUNCTION jianfu_case_levels_guard()'
    )
    op.execute(
        'CREATE TRIGGER case_step_levels_guard BEFORE INSERT OR UPDATE OR DELETE ON case_step '
        'FOR EACH ROW EXECUTE FUNCTION jianfu_case_step_guard()'
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('DROP TRIGGER IF EXISTS case_step_levels_guard ON case_step')
    op.execute('DROP TRIGGER IF EXISTS admission_case_levels_guard ON admission_case')
    for function in (
        'jianfu_case_step_guard()', 'jianfu_case_levels_guard()', 'jianfu_case_steps()',
        'jianfu_role_label(text)', 'jianfu_case_name(text, text)',
        'jianfu_may_correct_cases(oid)',
    ):
        op.execute(f'DROP FUNCTION IF EXISTS {function}')
    op.execute(_OLD_GUARD)
