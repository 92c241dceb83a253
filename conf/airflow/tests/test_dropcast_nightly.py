"""The Dropcast nightly DAG: it parses on Airflow 2 and 3, its tasks follow the nightly order with the arguments
the Dropcast CLI expects, and one task's arguments, rendered and turned into a spark-submit command line the way
the Spark provider builds it, really run the application jar."""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import jinja2
import pytest

REPO = Path(__file__).resolve().parents[3]
DAG_FILE = REPO / "conf" / "airflow" / "dropcast_nightly.py"
NIGHTLY_STEP_JAVA = REPO / "jobs/src/main/java/io/dropcast/nightly/NightlyStep.java"
VARIABLES = {
    "dropcast_jar": "/opt/dropcast/dropcast-jobs.jar",
    "dropcast_conf_file": "/etc/dropcast/cluster.conf",
    "dropcast_spark_conn_id": "spark_dropcast",
    "dropcast_customer_salt_secret": "s3cr3t-salt",
    "dropcast_webhook_secret": "w3bh00k-secret",
}


def load_dag(airflow_major: int, variables: dict[str, str] | None = None):
    """Imports the DAG file afresh against the stand-in Airflow of the given major version."""
    os.environ["STANDIN_AIRFLOW_MAJOR"] = str(airflow_major)
    for name in [m for m in sys.modules if m == "airflow" or m.startswith("airflow.")]:
        del sys.modules[name]
    import airflow.models  # the stand-in, first on sys.path (conftest.py)

    airflow.models.VARIABLES.clear()
    airflow.models.VARIABLES.update(VARIABLES if variables is None else variables)
    spec = importlib.util.spec_from_file_location(f"dropcast_nightly_af{airflow_major}", DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render(value, ds: str, variables: dict[str, str]):
    """Renders a templated field as Airflow does: Jinja with ds and var.value in the context."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    context = {"ds": ds, "var": {"value": variables}}
    if isinstance(value, str):
        return env.from_string(value).render(context)
    if isinstance(value, list):
        return [render(v, ds, variables) for v in value]
    if isinstance(value, dict):
        return {k: render(v, ds, variables) for k, v in value.items()}
    return value


def java_command(jar: str, heap: str) -> list[str]:
    """java with the flags Spark needs (bin/jvm-flags), the heap and the jar ahead of Spark's runtime classpath.

    The test's JVMs live a minute at most (three days of the sample, then one query): with the JIT's first tier only
    these tests cost 107 CPU-s instead of 171 (user + sys; 77 s against 94 s, 2026-12-08). Test-only: spark-submit on
    a cluster keeps the JVM's default."""
    flags = [f for f in (REPO / "bin/jvm-flags").read_text().split() if f]
    classpath = (REPO / "spark-runtime/target/spark-classpath.txt").read_text().strip()
    return ["java", *flags, "-XX:TieredStopAtLevel=1", f"-Xmx{heap}", "-cp", f"{jar}:{classpath}"]


def java_nightly_steps() -> list[str]:
    """The step order io.dropcast.nightly.NightlyStep declares."""
    return re.findall(r'^\s+[A-Z_]+\("([a-z-]+)"\)[,;]', NIGHTLY_STEP_JAVA.read_text(), flags=re.M)


@pytest.mark.parametrize("major", [2, 3])
def test_the_dag_parses_on_airflow_2_and_3_with_one_spark_submit_task_per_nightly_step(major):
    module = load_dag(major)
    dag = module.dag
    assert dag.dag_id == "dropcast_nightly"
    assert list(dag.tasks) == [s.replace("-", "_") for s in java_nightly_steps()], \
        "one task per step of NightlyStep, in its order"
    assert {type(t).__name__ for t in dag.tasks.values()} == {"SparkSubmitOperator"}


def test_the_task_graph_is_the_nightly_chain_with_packing_and_push_targets_side_by_side_after_plan():
    dag = load_dag(3).dag
    downstream = {task_id: task.downstream_task_ids for task_id, task in dag.tasks.items()}
    assert downstream == {
        "ingest": {"train"},
        "train": {"forecast"},
        "forecast": {"plan"},
        "plan": {"pack", "push_targets"},
        "pack": {"deliver"},
        "deliver": {"cadence"},
        "push_targets": {"cadence"},
        "cadence": {"drop_kpis"},
        "drop_kpis": {"report"},
        "report": set(),
    }
    assert dag.tasks["ingest"].upstream_task_ids == set(), "ingest starts the night"
    ids = list(dag.tasks)
    for i, task_id in enumerate(ids):
        assert all(ids.index(u) < i for u in dag.tasks[task_id].upstream_task_ids), \
            f"{task_id} waits only for steps before it in the nightly order"


def test_schedule_catchup_and_concurrency_are_chosen_on_purpose():
    dag = load_dag(3).dag
    assert dag.schedule.cron == "30 1 * * *" and dag.schedule.timezone == "Europe/Lisbon"
    assert dag.catchup is False, "one night's ingest catches up the landing dates; no replay of months of nights"
    assert dag.max_active_runs == 1, "a night builds on the previous one"
    assert str(dag.start_date.tzinfo) == "Europe/Lisbon"


def test_every_task_submits_the_jar_from_variables_with_the_run_date_and_retries():
    dag = load_dag(2).dag
    for task_id, task in dag.tasks.items():
        step = task_id.replace("_", "-")
        k = task.kwargs
        assert k["java_class"] == "io.dropcast.cli.Dropcast"
        assert k["conn_id"] == "spark_dropcast", "the connection id comes from the Variable"
        assert render(k["application"], "2026-11-25", VARIABLES) == "/opt/dropcast/dropcast-jobs.jar"
        assert render(k["application_args"], "2026-11-25", VARIABLES) == [
            "nightly", "--date", "2026-11-25", "--step", step, "--conf", "/etc/dropcast/cluster.conf"]
        expected_env = {"DROPCAST_CUSTOMER_SALT": "s3cr3t-salt"}
        if step == "deliver":
            expected_env["DROPCAST_WEBHOOK_SECRET"] = "w3bh00k-secret"
        assert render(k["env_vars"], "2026-11-25", VARIABLES) == expected_env
        assert k["retries"] == 2 and k["retry_delay"] == timedelta(minutes=10), "default_args reach every task"
        for field in ("application", "application_args", "env_vars", "name"):
            assert field in type(task).template_fields, f"{field} must be a templated field of the operator"


def test_the_connection_id_falls_back_to_spark_default_without_a_variable():
    variables = {k: v for k, v in VARIABLES.items() if k != "dropcast_spark_conn_id"}
    for major in (2, 3):
        dag = load_dag(major, variables).dag
        assert {t.kwargs["conn_id"] for t in dag.tasks.values()} == {"spark_default"}


def test_the_stand_in_operator_rejects_a_misspelt_argument_as_airflow_does():
    load_dag(3)
    from airflow.models import DAG
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    with DAG("typo", schedule=None):
        with pytest.raises(TypeError, match="java_clas"):
            SparkSubmitOperator(task_id="t", application="app.jar", java_clas="io.dropcast.cli.Dropcast")


def spark_submit_command(task, ds: str, variables: dict[str, str], master: str) -> list[str]:
    """The command line SparkSubmitHook builds for the task, with spark-submit as plain java + SparkSubmit."""
    k = {key: render(value, ds, variables) for key, value in task.kwargs.items()}
    jar = k["application"]
    cmd = [*java_command(jar, "2g"), "org.apache.spark.deploy.SparkSubmit",
           "--master", master, "--conf", "spark.ui.enabled=false"]
    for key, value in (k.get("conf") or {}).items():
        cmd += ["--conf", f"{key}={value}"]
    cmd += ["--name", k["name"], "--class", k["java_class"], jar, *k["application_args"]]
    return cmd


def test_the_ingest_task_runs_for_real_through_spark_submit(tmp_path):
    jar = REPO / "jobs/target/dropcast-jobs.jar"
    assert jar.is_file() and (REPO / "spark-runtime/target/spark-classpath.txt").is_file(), \
        "the application jar is missing: run these tests after `mvn package` (bin/test does)"
    conf = tmp_path / "dropcast.conf"
    conf.write_text(
        "dropcast {\n"
        f'  warehouse = "{tmp_path / "warehouse"}"\n'
        f'  landing = "{REPO / "data-samples/landing"}"\n'
        "}\n")
    variables = dict(VARIABLES, dropcast_jar=str(jar), dropcast_conf_file=str(conf))
    dag = load_dag(3, variables).dag
    ingest = dag.tasks["ingest"]
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1",
               **render(ingest.kwargs["env_vars"], "2026-05-31", variables))
    run = subprocess.run(spark_submit_command(ingest, "2026-05-31", variables, "local[2]"), cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    assert "nightly 2026-05-31: succeeded" in run.stdout, run.stdout[-4000:]

    # The tables it wrote, read back through the same jar: the ledger holds the nightly task and its ingest.
    sql = subprocess.run(
        [*java_command(str(jar), "1g"), "-Dspark.master=local[1]", "io.dropcast.cli.Dropcast", "sql", "--conf",
         str(conf), "--format", "csv", "SELECT job, date_from, date_to, status FROM job_runs ORDER BY job"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert sql.returncode == 0, sql.stdout[-4000:] + sql.stderr[-4000:]
    assert sql.stdout.strip().splitlines()[-2:] == [
        "ingest,2026-05-29,2026-05-31,succeeded",
        "nightly,2026-05-31,2026-05-31,succeeded",
    ], sql.stdout
