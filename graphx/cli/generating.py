"""``graphx generate``: write a synthetic company in the canonical CSV format."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from graphx.cli.common import JSON_OPTION, out, print_json
from graphx.generate import generate


class ScaleName(StrEnum):
    small = "small"
    medium = "medium"
    large = "large"


OUT_OPTION = typer.Option(..., "--out", help="The folder to write the CSV files into.")
SCALE_OPTION = typer.Option(ScaleName.small, "--scale", help="How big a company.")
SEED_OPTION = typer.Option(1, "--seed", help="Same seed, byte-identical files.")


def generate_command(
    out_dir: Path = OUT_OPTION,
    scale: ScaleName = SCALE_OPTION,
    seed: int = SEED_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Generate a synthetic company (organisations, people, six years of conversations)."""
    counts = generate(scale.value, seed, out_dir)
    if as_json:
        print_json({"scale": scale.value, "seed": seed, "out": str(out_dir), "counts": counts})
        return
    table = Table("file", "rows", title=f"{scale.value}, seed {seed}")
    for key, value in counts.items():
        name = f"{key}.csv" if key != "opted_out_participations" else "(opted-out participants)"
        table.add_row(name, f"{value:,}")
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("generate")(generate_command)
