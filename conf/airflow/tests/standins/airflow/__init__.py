"""Stand-in for the parts of Airflow the Dropcast DAG uses (see ../README.md)."""
from airflow.models import DAG  # noqa: F401  (``from airflow import DAG`` works in Airflow 2 and 3)
