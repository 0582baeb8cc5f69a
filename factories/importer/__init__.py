"""The DIW register importer: read a file, plan what it changes, write the plan.

``reading`` turns CSV/XLSX bytes into rows; ``columns`` finds the fields by header name;
``parsers`` and ``geography`` read cells; ``rows`` turns a row into Factory values; ``plan``
matches rows to the register without writing; ``apply`` writes in bulk. The public entry
points are the services in :mod:`factories.services`.
"""
