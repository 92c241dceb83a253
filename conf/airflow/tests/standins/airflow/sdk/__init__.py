"""Stand-in airflow.sdk (Airflow 3 only; hidden with STANDIN_AIRFLOW_MAJOR=2)."""
from airflow.models import DAG, VARIABLES, _NOTSET, airflow_major

if airflow_major() < 3:
    raise ImportError("No module named 'airflow.sdk' (Airflow 2)")


class Variable:
    """Airflow 3's airflow.sdk.Variable: get(key, default=..., deserialize_json=False)."""

    @staticmethod
    def get(key: str, default=_NOTSET, deserialize_json: bool = False):
        if key in VARIABLES:
            return VARIABLES[key]
        if default is _NOTSET:
            raise KeyError(f"Variable {key} does not exist")
        return default


__all__ = ["DAG", "Variable"]
