"""CLI sub-commands, one module per group; registered in factdesk.cli."""
