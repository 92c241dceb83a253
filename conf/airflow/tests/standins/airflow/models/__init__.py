"""Stand-in airflow.models: DAG, BaseOperator and Variable with the real keyword names."""
from __future__ import annotations

import os

# Variables as an Airflow deployment would hold them; tests fill this dict.
VARIABLES: dict[str, str] = {}
_NOTSET = object()
_CURRENT_DAG: list["DAG"] = []

# Keyword arguments of Airflow's BaseOperator.__init__ (2.x and 3.x, the ones both accept).
BASE_OPERATOR_KWARGS = {
    "task_id", "owner", "email", "email_on_retry", "email_on_failure", "retries", "retry_delay",
    "retry_exponential_backoff", "max_retry_delay", "start_date", "end_date", "depends_on_past",
    "ignore_first_depends_on_past", "wait_for_past_depends_before_skipping", "wait_for_downstream", "dag",
    "params", "default_args", "priority_weight", "weight_rule", "queue", "pool", "pool_slots",
    "execution_timeout", "on_execute_callback", "on_failure_callback", "on_success_callback",
    "on_retry_callback", "on_skipped_callback", "pre_execute", "post_execute", "trigger_rule", "resources",
    "run_as_user", "max_active_tis_per_dag", "max_active_tis_per_dagrun", "executor", "executor_config",
    "do_xcom_push", "multiple_outputs", "inlets", "outlets", "task_group", "doc", "doc_md", "doc_json",
    "doc_yaml", "doc_rst", "task_display_name", "logger_name", "allow_nested_operators",
}

# Keyword arguments of DAG.__init__ accepted by both Airflow 2.x (2.4+) and 3.x.
DAG_KWARGS = {
    "dag_id", "description", "schedule", "start_date", "end_date", "template_searchpath",
    "template_undefined", "user_defined_macros", "user_defined_filters", "default_args", "max_active_tasks",
    "max_active_runs", "max_consecutive_failed_dag_runs", "dagrun_timeout", "catchup",
    "on_success_callback", "on_failure_callback", "doc_md", "params", "access_control", "is_paused_upon_creation",
    "jinja_environment_kwargs", "render_template_as_native_obj", "tags", "owner_links", "auto_register",
    "fail_fast", "dag_display_name",
}


def _reject_unknown(kind: str, given: dict, allowed: set) -> None:
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise TypeError(f"Invalid arguments were passed to {kind}. Invalid arguments were: {unknown}")


class DAG:
    def __init__(self, dag_id: str, **kwargs):
        _reject_unknown("DAG", kwargs, DAG_KWARGS - {"dag_id"})
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.default_args = kwargs.get("default_args") or {}
        self.tasks: dict[str, BaseOperator] = {}

    def __getattr__(self, name):
        if name in DAG_KWARGS and name in self.kwargs:
            return self.kwargs[name]
        raise AttributeError(name)

    def __enter__(self):
        _CURRENT_DAG.append(self)
        return self

    def __exit__(self, *exc):
        _CURRENT_DAG.pop()
        return False


class BaseOperator:
    # Keyword arguments the concrete operator's own __init__ takes (besides BaseOperator's).
    OWN_KWARGS: frozenset = frozenset()
    template_fields: tuple = ()

    def __init__(self, **kwargs):
        _reject_unknown(type(self).__name__, kwargs, BASE_OPERATOR_KWARGS | set(self.OWN_KWARGS))
        dag = kwargs.pop("dag", None) or (_CURRENT_DAG[-1] if _CURRENT_DAG else None)
        if dag is None:
            raise RuntimeError(f"{type(self).__name__} {kwargs.get('task_id')} is created outside a DAG")
        # As Airflow does: default_args fill the arguments that were not given and that the operator accepts.
        for key, value in dag.default_args.items():
            if key in BASE_OPERATOR_KWARGS | set(self.OWN_KWARGS):
                kwargs.setdefault(key, value)
        self.task_id = kwargs["task_id"]
        if self.task_id in dag.tasks:
            raise ValueError(f"duplicate task_id {self.task_id}")
        self.kwargs = kwargs
        self.dag = dag
        self.upstream_task_ids: set[str] = set()
        self.downstream_task_ids: set[str] = set()
        dag.tasks[self.task_id] = self

    def __rshift__(self, other: "BaseOperator") -> "BaseOperator":
        self.downstream_task_ids.add(other.task_id)
        other.upstream_task_ids.add(self.task_id)
        return other


class Variable:
    """Airflow 2's airflow.models.Variable: get(key, default_var=..., deserialize_json=False)."""

    @staticmethod
    def get(key: str, default_var=_NOTSET, deserialize_json: bool = False):
        if key in VARIABLES:
            return VARIABLES[key]
        if default_var is _NOTSET:
            raise KeyError(f"Variable {key} does not exist")
        return default_var


def airflow_major() -> int:
    return int(os.environ.get("STANDIN_AIRFLOW_MAJOR", "3"))
