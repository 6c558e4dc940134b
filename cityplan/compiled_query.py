"""Queries compiled to SQL once per process and run again with other values
(``CompiledQuery``): for the few queries every page view asks (its page, its comments)."""

from itertools import count

from django.db import connections, router


class CompiledQuery:
    """A ``values_list()`` query of ``model`` compiled to SQL once per process, database and
    shape, then run again with other values.

    Building the comment queries through the ORM (three tables of model inheritance:
    django_comments, xtd's, this app's) and compiling them cost more than running them: about
    1 ms of an article's 3 ms of comments; for the page of a request (home.routing), about
    0.5 ms. ``build(**values)`` returns the queryset for the values of its filters (ints,
    strings, or lists of ints for ``__in``); it is called once per shape (the lengths of the
    lists) with stand-in values, each distinct, which are found again in the compiled
    parameters. A run puts the real values in their places, adapted as the ORM adapted the
    stand-ins (psycopg's ``Int4`` for an integer field on PostgreSQL), executes the SQL on a
    cursor (counted and logged as any query) and converts the rows as ``values_list()`` does
    (a datetime read from SQLite is made aware). Only the SQL is kept, never results: every
    run asks the database. A caller pads its lists to a few lengths, so that there are a few
    shapes to keep.
    """

    def __init__(self, model, build):
        self.model = model
        self.build = build
        self.compiled = {}

    def run(self, **values):
        """The rows of the query for ``values``, as tuples of its columns."""
        alias = router.db_for_read(self.model)
        shape = (
            alias,
            *(
                (name, len(value) if isinstance(value, list) else None)
                for name, value in sorted(values.items())
            ),
        )
        compiled = self.compiled.get(shape)
        if compiled is None:
            compiled = self.compiled[shape] = self._compile(alias, values)
        query, columns, sql, params, places = compiled
        params = list(params)
        for position, (name, index, adapt) in places:
            params[position] = adapt(values[name] if index is None else values[name][index])
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        compiler = query.get_compiler(connection=connection)
        converters = compiler.get_converters(columns)
        if converters:
            rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return rows

    def _compile(self, alias, values):
        numbers = count(-1_000_000_001, -1)
        stand_ins = {}  # stand-in value: (name, index in its list or None)

        def stand_in(name, value, index=None):
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise TypeError(f"{name}: an int or a str, not {value!r}")
            number = next(numbers)
            key = number if isinstance(value, int) else f"\x00{number}"
            stand_ins[key] = (name, index)
            return key

        query = self.build(
            **{
                name: [stand_in(name, item, index) for index, item in enumerate(value)]
                if isinstance(value, list)
                else stand_in(name, value)
                for name, value in values.items()
            }
        ).query
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        # The rows are the SQL's columns in its order (fields, then annotations), as
        # values_list() gives them unless it has extra selects to reorder.
        if query.extra_select or compiler.col_count != len(compiler.select):
            raise ValueError("CompiledQuery runs plain values_list() queries only")
        columns = [expression for expression, _sql, _alias in compiler.select]
        places = []
        for position, param in enumerate(params):
            if isinstance(param, bool) or not isinstance(param, int | str):
                continue
            key = str(param) if isinstance(param, str) else int(param)
            if key not in stand_ins:
                continue
            adapt = type(param)
            if adapt(key) != param:
                raise ValueError(f"CompiledQuery cannot adapt a value as {param!r}")
            places.append((position, (*stand_ins[key], adapt)))
        if set(stand_ins.values()) != {place[:2] for _, place in places}:
            raise ValueError("CompiledQuery did not find every value in the SQL's parameters")
        return query, columns, sql, tuple(params), tuple(places)
