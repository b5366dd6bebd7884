"""The registers: foster families, children, schools and criminal networks.

Each register has a ``list_*`` function returning plain row dataclasses for a
table (one query per list, so a table of 5,000 families costs one round trip),
``get_*`` returning the editable input, ``validate_*`` returning the
:class:`~placement.errors.Problem` list a form shows next to its fields
(``where`` is the input field's name), and ``create_*`` / ``update_*`` /
end-of-life functions that raise :class:`~placement.errors.InputError` with
those same problems. Callers own the transaction, as everywhere.

The four differ in who may read and change them, what is audited and which
alerts a change sets off, so each has its own module; what their fields share
is in :mod:`placement.field_rules`.
"""
