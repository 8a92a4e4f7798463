"""On PostgreSQL only a registered person (or the owner) writes, on every table

Revision ID: 0023
Revises: 0019d
Create Date: 2026-12-06 00:00:00

A login with no active entry in ``app_user`` that is a member of a group role (a clerk of
another database on the same server, a person disabled while still connected, anyone who
``SET ROLE jianfu_clerk``) could still INSERT what the group may insert on the tables without
row-level security: audit entries, confirmed check decisions, synonyms. Row-level security
only hid the township's rows from it. Now a statement trigger on every table of the schema
refuses INSERT, UPDATE, DELETE and TRUNCATE by such a login with a Chinese message naming the
login and the table, before any row is looked at. The owner of the table, the owner of the
database, a superuser and every registered person pass (their own limits stay those of the
grants, the policies and the case triggers).

``jianfu_guard_every_table()`` puts the trigger on each table that lacks it; the grants step
after every upgrade (``jianfu.db.grants.apply``) calls it, so a table a later migration adds is
covered without naming it. SQLite gets nothing: one clerk's file, no logins.
"""

from alembic import op

revision = '0023'
down_revision = '0019d'
branch_labels = None
depends_on = None

TRIGGER = 'jianfu_registered_writes_only'

#: the tables in Chinese, for the message (a table not named here is shown by its own name)
_LABELS = {
    'admission_case': '准入审批案件', 'alembic_version': '数据库版本', 'app_user': '人员账户',
    'audit_log': '操作记录', 'board_allowed_rule': '允许挂牌范围', 'board_category': '牌子类别',
    'board_inspection': '牌子复查记录', 'board_photo': '牌子照片', 'burden': '其他负担台账',
    'burden_type': '负担类别', 'case_step': '案件办理记录', 'certificate_request': '证明事项登记',
    'check_precedent': '已确认的审核结论', 'department': '部门', 'department_alias': '部门别名',
    'item_synonym': '同义词', 'list_document': '清单文件', 'list_edition': '清单版本',
    'list_item': '清单事项', 'list_kind': '清单类别', 'official_day': '法定节假日安排',
    'official_schedule': '法定节假日安排', 'setting': '乡镇设置', 'signboard': '牌子台账',
    'task_candidate': '事项审核结果', 'task_request': '下派事项', 'task_village': '事项涉及的村(社区)',
    'unit': '单位', 'workday_override': '工作日设置',
}


def _json(d: dict[str, str]) -> str:
    inner = ', '.join(f'"{k}": "{v}"' for k, v in d.items())
    return "'{" + inner + "}'::jsonb"


_FUNCTIONS = f"""
-- who may write at all: the owner of the table or of the database (a superuser is a member of
-- every role), or a person registered and active in app_user. Not SECURITY DEFINER: it asks
-- about current_user. A login that may not even read app_user is no person.
CREATE OR REPLACE FUNCTION jianfu_may_write(rel oid) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(pg_has_role(current_user,
                                (SELECT relowner FROM pg_class WHERE oid = rel), 'USAGE'), false)
        OR pg_has_role(current_user, (SELECT datdba FROM pg_database
                                      WHERE datname = current_database()), 'USAGE')
        OR (has_table_privilege('app_user', 'SELECT') AND jianfu_person_role() IS NOT NULL)
$$;

CREATE OR REPLACE FUNCTION jianfu_refuse_unregistered_writes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    labels jsonb := {_json(_LABELS)};
    verb text;
BEGIN
    IF jianfu_may_write(TG_RELID) THEN
        RETURN NULL;
    END IF;
    verb := CASE TG_OP WHEN 'INSERT' THEN '新增' WHEN 'UPDATE' THEN '修改'
                       WHEN 'DELETE' THEN '删除' ELSE '清空' END;
    RAISE EXCEPTION '数据库账户“%”未登记为本系统人员（或已停用），不能%“%”（数据表 %），只能查看；如需办理，请管理员用 jianfu users add 登记。',
        current_user, verb, coalesce(labels ->> TG_TABLE_NAME, TG_TABLE_NAME), TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- the trigger on every table of the schema that lacks it (run by the owner after each upgrade)
CREATE OR REPLACE FUNCTION jianfu_guard_every_table() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    t record;
    n integer := 0;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
          AND NOT c.relispartition
          AND NOT EXISTS (SELECT 1 FROM pg_trigger g
                          WHERE g.tgrelid = c.oid AND g.tgname = '{TRIGGER}')
        ORDER BY c.relname
    LOOP
        EXECUTE format('CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE '
                       'ON %I FOR EACH STATEMENT '
                       'EXECUTE FUNCTION jianfu_refuse_unregistered_writes()', t.relname);
        n := n + 1;
    END LOOP;
    RETURN n;
END;
$$;
REVOKE EXECUTE ON FUNCTION jianfu_guard_every_table() FROM PUBLIC;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_FUNCTIONS)
    op.execute('SELECT jianfu_guard_every_table()')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(f"""
DO $$ DECLARE t record; BEGIN
    FOR t IN SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
             WHERE g.tgname = '{TRIGGER}'
               AND c.relnamespace = current_schema()::regnamespace LOOP
        EXECUTE format('DROP TRIGGER {TRIGGER} ON %I', t.relname);
    END LOOP;
END $$
""")
    for function in ('jianfu_guard_every_table()', 'jianfu_refuse_unregistered_writes()',
                     'jianfu_may_write(oid)'):
        op.execute(f'DROP FUNCTION IF EXISTS {function}')
