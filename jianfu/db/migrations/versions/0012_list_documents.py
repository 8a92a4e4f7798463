"""Lists are documents: each edition belongs to one list (work items or certificates)

An existing edition that holds both work items and certificates becomes two editions, one of
each list, with the same name, 文号, dates and status; each keeps its own items.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 13:10:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

# Written out: a migration must not change when the code does.
_DOCUMENTS = [
    {'id': 1, 'code': 'work', 'name': '村(社区)工作事项准入清单', 'family': 'work', 'sort_order': 10},
    {'id': 2, 'code': 'certificate', 'name': '村(社区)出具证明事项清单', 'family': 'certificate',
     'sort_order': 20},
]
_CERT_MEANINGS = ('may_issue', 'may_not_issue')


def _certificate_name(name: str) -> str:
    """The certificate list's edition name beside a work-item edition's name."""
    if '工作事项准入清单' in name:
        return name.replace('工作事项准入清单', '出具证明事项清单')[:120]
    return (name + '（证明事项）')[:120]


def upgrade() -> None:
    documents = op.create_table('list_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('family', sa.String(length=12), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_list_document')),
    sa.UniqueConstraint('code', name=op.f('uq_list_document_code')),
    sa.UniqueConstraint('name', name=op.f('uq_list_document_name'))
    )
    op.bulk_insert(documents, _DOCUMENTS)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("SELECT setval('list_document_id_seq', 2)")

    # No batch (table copy) on SQLite: dropping list_edition would cascade into list_item.
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        op.execute('ALTER TABLE list_edition ADD COLUMN document_id INTEGER '
                   'REFERENCES list_document (id)')
    else:
        op.add_column('list_edition', sa.Column('document_id', sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f('fk_list_edition_document_id_list_document'), 'list_edition', 'list_document',
            ['document_id'], ['id'],
        )
    op.drop_index('uq_list_edition_in_force', table_name='list_edition')

    cert_kinds = [
        r[0] for r in bind.execute(
            sa.text('SELECT id FROM list_kind WHERE meaning IN (:a, :b)'),
            {'a': _CERT_MEANINGS[0], 'b': _CERT_MEANINGS[1]},
        ).all()
    ]
    editions = bind.execute(sa.text(
        'SELECT id, name, issuing_body, document_number, effective_date, status, notes '
        'FROM list_edition ORDER BY id'
    )).mappings().all()
    for e in editions:
        counts = {'work': 0, 'certificate': 0}
        for kind_id, n in bind.execute(
            sa.text('SELECT kind_id, COUNT(*) FROM list_item WHERE edition_id = :e GROUP BY kind_id'),
            {'e': e['id']},
        ).all():
            counts['certificate' if kind_id in cert_kinds else 'work'] += n
        if counts['work'] or not counts['certificate']:
            bind.execute(sa.text('UPDATE list_edition SET document_id = 1 WHERE id = :e'),
                         {'e': e['id']})
        else:
            bind.execute(sa.text('UPDATE list_edition SET document_id = 2 WHERE id = :e'),
                         {'e': e['id']})
            continue
        if counts['certificate']:
            bind.execute(sa.text(
                'INSERT INTO list_edition (document_id, name, issuing_body, document_number, '
                'effective_date, status, notes, version) VALUES (2, :name, :body, :num, :eff, '
                ':status, :notes, 1)'
            ), {'name': _certificate_name(e['name']), 'body': e['issuing_body'], 'num': e['document_number'],
                'eff': e['effective_date'], 'status': e['status'], 'notes': e['notes']})
            new_id = bind.execute(sa.text('SELECT MAX(id) FROM list_edition')).scalar_one()
            for kind_id in cert_kinds:
                bind.execute(sa.text(
                    'UPDATE list_item SET edition_id = :new WHERE edition_id = :old '
                    'AND kind_id = :k'
                ), {'new': new_id, 'old': e['id'], 'k': kind_id})

    op.create_index(
        'uq_list_edition_in_force', 'list_edition', ['document_id', 'status'], unique=True,
        sqlite_where=sa.text("status = '施行中'"), postgresql_where=sa.text("status = '施行中'"),
    )
    op.create_index(op.f('ix_list_edition_document_id'), 'list_edition', ['document_id'])
    # The subject heading an item stands under (一、党的建设), read from published lists.
    op.add_column('list_item', sa.Column('section', sa.String(length=100), nullable=False,
                                         server_default=''))


def downgrade() -> None:
    raise NotImplementedError('Lists split into documents cannot be merged back; restore a backup.')
