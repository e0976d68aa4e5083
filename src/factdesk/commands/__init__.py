"""CLI sub-commands, one module per group; registered in factdesk.cli."""

__all__: list[str] = []
