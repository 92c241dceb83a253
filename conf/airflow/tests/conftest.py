"""Puts the stand-in airflow modules first on the path; see standins/README.md."""
import sys
from pathlib import Path

STANDINS = Path(__file__).resolve().parent / "standins"
if str(STANDINS) not in sys.path:
    sys.path.insert(0, str(STANDINS))
