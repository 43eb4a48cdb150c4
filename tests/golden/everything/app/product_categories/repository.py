"""Every query for product_categories. Returns schema objects, never live ORM instances.

Statements are SQLAlchemy Core on the model's table, compiled once and run on the bare driver.
"""

from pydantic import TypeAdapter
from sqlalchemy import bindparam, delete, select

from app.db.base import table_of
from app.db.database import Database, IntegrityError
from app.db.integrity import integrity_error
from app.db.statements import (
    Statement,
    insert_statement,
    page_statements,
    update_statement,
    with_defaults,
)
from app.product_categories.models import ProductCategory
from app.product_categories.schemas import (
    ProductCategoryCreate,
    ProductCategoryQuery,
    ProductCategoryRead,
)

_TABLE = table_of(ProductCategory)
_MANY = TypeAdapter(list[ProductCategoryRead])  # validates a page in one call
_BY_ID = Statement(select(_TABLE).where(_TABLE.c.id == bindparam("id")))
_DELETE = Statement(delete(_TABLE).where(_TABLE.c.id == bindparam("id")).returning(_TABLE.c.id))


class ProductCategoryRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def get(self, product_category_id: int) -> ProductCategoryRead | None:
        row = await self._database.fetch_one(_BY_ID, id=product_category_id)
        return None if row is None else ProductCategoryRead.model_validate(row)

    async def page(
        self, query: ProductCategoryQuery
    ) -> tuple[list[ProductCategoryRead], bool, int | None]:
        """The page's items, whether more follow, and the total when the query asks for it."""
        values, empty = query.filters()
        statements = page_statements(_TABLE, tuple(values), query.sort, empty=empty)
        page = await self._database.fetch_page(
            statements,
            limit=query.limit,
            offset=query.offset,
            with_total=query.with_total,
            **values,
        )
        return _MANY.validate_python(page.rows), page.has_more, page.total

    async def create(self, data: ProductCategoryCreate) -> ProductCategoryRead:
        values = data.model_dump()
        created = await self._write(
            insert_statement(_TABLE, tuple(values)), with_defaults(_TABLE, values)
        )
        assert created is not None  # INSERT ... RETURNING always yields the new row
        return created

    async def update(
        self, product_category_id: int, changes: dict[str, object]
    ) -> ProductCategoryRead | None:
        if not changes:
            return await self.get(product_category_id)
        statement = update_statement(_TABLE, tuple(changes))
        values = with_defaults(_TABLE, changes, on_update=True)
        return await self._write(statement, {**values, "id": product_category_id})

    async def delete(self, product_category_id: int) -> bool:
        try:
            deleted = await self._database.write(_DELETE, id=product_category_id)
        except IntegrityError as error:
            raise integrity_error(error, resource="product_category", deleting=True) from error
        return deleted is not None

    async def _write(
        self, statement: Statement, values: dict[str, object]
    ) -> ProductCategoryRead | None:
        """One atomic write; broken constraints become domain errors."""
        try:
            row = await self._database.write(statement, **values)
        except IntegrityError as error:
            raise integrity_error(error, resource="product_category") from error
        return None if row is None else ProductCategoryRead.model_validate(row)
