"""
Queries compiled to SQL once per process, then run again with other values.

Turning a queryset into SQL (cloning it, resolving each filter, writing the
column list) costs Django about as much as running it on a small table: on
the country page, four queries spent two thirds of their time there. The
page's queries differ from one request to the next only in a few values
(the page, the slug, the time), so each is built once, with a `Slot` where
a value goes, and compiled once per database; a request fills the slots and
runs the SQL. The rows come back as values_list() would give them, with the
database's converters applied (decimals on SQLite, aware datetimes), and
the query goes through the connection's cursor as any other (it is logged,
and counted by tests).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Expression, Field, QuerySet
from django.db.models.query import ValuesListIterable
from django.db.models.sql import Query


@dataclass(frozen=True, slots=True)
class _Marker:
    """Stands, in the compiled parameters, for the value of slot `name`."""

    name: str
    field: Field


class Slot(Expression):
    """
    A value given when the query runs: `.filter(page_id=Slot("page", IntegerField()))`.

    `output_field` says how the value is prepared for the database (a
    datetime becomes text on SQLite), as the field it is compared with would.
    """

    def __init__(self, name: str, output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        return "%s", [_Marker(self.name, self.output_field)]


def _has_fixed_time(node) -> bool:
    """Whether a filter of this WHERE clause compares with a date or time given as a value."""
    if isinstance(getattr(node, "rhs", None), datetime.date | datetime.time):
        return True
    return any(_has_fixed_time(child) for child in getattr(node, "children", ()))


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    params: tuple
    slots: frozenset[str]
    query: Query
    columns: tuple


class PreparedRows:
    """
    A values_list() queryset, compiled once per database, run with the slots' values.

    `build` returns the queryset, with a Slot for each value that changes;
    it is called once, on first use. Calling the PreparedRows with the
    slots' values (by name) returns the rows as a list of tuples.
    """

    def __init__(self, build: Callable[[], QuerySet]) -> None:
        self._build = build
        self._compiled: dict[str, _Compiled] = {}
        # The database's converters, per connection: each thread has its own,
        # and a converter may use the connection it was taken from.
        self._converters: WeakKeyDictionary = WeakKeyDictionary()

    def _compile(self, alias: str) -> _Compiled:
        queryset = self._build()
        query = queryset.query
        # The rows are the SELECT's columns as they come: that is the
        # values_list() order only when nothing reorders them (modeltranslation's
        # rewriting does; pages.rows.rows_queryset turns it off).
        if (
            getattr(queryset, "_rewrite", False)
            or not issubclass(queryset._iterable_class, ValuesListIterable)
            or not queryset._fields
        ):
            raise ValueError("PreparedRows takes a values_list() queryset, rewriting off")
        if [*query.extra_select, *query.values_select, *query.annotation_select] != list(
            queryset._fields
        ):
            raise ValueError("PreparedRows takes columns, not expressions or extra selects")
        # A time written into the SQL would stay the time of its first request
        # for the life of the process: a page scheduled later would never go live.
        if _has_fixed_time(query.where):
            raise ValueError("PreparedRows takes times as Slots, not as values fixed in the SQL")
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=frozenset(param.name for param in params if isinstance(param, _Marker)),
            query=query,
            columns=tuple(select[0] for select in compiler.select[: compiler.col_count]),
        )

    def _converters_for(self, compiled: _Compiled, connection) -> tuple:
        converters = self._converters.get(connection)
        if converters is None:
            compiler = compiled.query.get_compiler(connection=connection)
            converters = tuple(compiler.get_converters(compiled.columns).items())
            self._converters[connection] = converters
        return converters

    def __call__(self, using: str = DEFAULT_DB_ALIAS, **values: object) -> list[tuple]:
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        if values.keys() != compiled.slots:
            raise TypeError(
                f"PreparedRows expects values for {sorted(compiled.slots)}, got {sorted(values)}"
            )
        connection = connections[using]
        params = [
            param.field.get_db_prep_value(values[param.name], connection)
            if isinstance(param, _Marker)
            else param
            for param in compiled.params
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        converters = self._converters_for(compiled, connection)
        if not converters:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted
