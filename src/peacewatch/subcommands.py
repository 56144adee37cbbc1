"""Command groups filled by feature modules: `peacewatch eval …` and `peacewatch train …`.

A feature module defines its commands on `eval_app` / `train_app` and is listed in `MODULES`, which the
CLI imports; the core CLI never needs to know the feature.
"""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Score peacewatch against gold data.", no_args_is_help=True)
train_app = typer.Typer(help="Train peacewatch's learned components.", no_args_is_help=True)

#: Modules that add commands to `eval_app` or `train_app`, imported by `peacewatch.cli`.
MODULES: list[str] = ["peacewatch.techniques.cli", "peacewatch.evaluation.attribution"]
MODULES.append("peacewatch.claims.cli")  # check-worthiness: train/eval checkworthy
MODULES.append("peacewatch.evaluation.record")  # the peace-process record: eval record
MODULES.append("peacewatch.events.cli")  # events: train/eval events (PLOVER, pentacode)
