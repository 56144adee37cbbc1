"""Scoring peacewatch against gold corpora (`peacewatch eval …`).

Each scorer lives in its own module and adds its command to `peacewatch.subcommands.eval_app`.
Gold data is read from the path given on the command line; nothing from it is kept in the project.
"""
