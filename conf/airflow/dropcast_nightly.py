"""Dropcast's nightly run as an Airflow DAG: one SparkSubmitOperator per step, in the nightly order.

Each task submits the Dropcast application jar with ``nightly --date {{ ds }} --step STEP``: the same
decisions as ``bin/dropcast nightly`` (train only on retrain weekdays or when no model exists; ingest catches
up every landing date not yet ingested), and a retried or cleared task skips its step if it already succeeded
for the date (the job_runs ledger), so retries are safe.

Settings come from Airflow Variables (Admin > Variables), read when a task runs, never in this file:

=================================  ===================================================================
``dropcast_jar``                   where the application jar is (``dropcast-jobs.jar``), e.g. s3a://.../dropcast-jobs.jar
``dropcast_conf_file``             the Dropcast configuration file (start from conf/cluster.conf.example)
``dropcast_spark_conn_id``         the Spark connection (master, deploy mode, queue); default spark_default
``dropcast_customer_salt_secret``  the salt that hashes customer ids; Airflow masks it in logs
                                   (its name contains "secret"); given to spark-submit as
                                   DROPCAST_CUSTOMER_SALT (in YARN cluster mode also set
                                   spark.yarn.appMasterEnv.DROPCAST_CUSTOMER_SALT)
``dropcast_webhook_secret``        optional: the shared secret that signs webhook bodies, given to the
                                   ``deliver`` task only, as DROPCAST_WEBHOOK_SECRET (needed once
                                   dropcast.act.webhooks.endpoints is configured)
=================================  ===================================================================

Task graph: ``ingest >> train >> forecast >> plan``; then ``plan >> pack >> deliver`` and ``plan >> push_targets``
side by side; both branches join at ``cadence >> drop_kpis >> report``. A failed webhook delivery does not fail
``deliver`` (it is recorded in webhook_deliveries and retried by ``dropcast deliver --date D``).

Schedule: 01:30 Europe/Lisbon, for the day that just ended (a data-interval timetable, so ``{{ ds }}`` is the
day whose landing files are complete, on Airflow 2 and 3 alike). ``catchup=False``: a DAG deployed late does
not replay months of nights, because one night's ingest already catches up every landing date not yet
ingested; backfill older dates on purpose with ``airflow dags backfill`` or ``dropcast nightly --from --to``.
``max_active_runs=1``: a night builds on the previous one (ingested history, the model registry), so nights
never overlap.
"""
from __future__ import annotations

from datetime import timedelta

import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG, Variable
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.timetables.interval import CronDataIntervalTimetable

DAG_ID = "dropcast_nightly"
TIME_ZONE = "Europe/Lisbon"
MAIN_CLASS = "io.dropcast.cli.Dropcast"
# The nightly order of io.dropcast.nightly.NightlyStep; each step needs the one before it.
STEPS = ["ingest", "train", "forecast", "plan", "pack", "deliver", "push-targets", "cadence", "drop-kpis", "report"]
# What each step waits for (the steps before it in STEPS that it reads the output of, or that must end first).
UPSTREAM = {
    "train": ["ingest"],
    "forecast": ["train"],
    "plan": ["forecast"],
    "pack": ["plan"],
    "deliver": ["pack"],
    "push-targets": ["plan"],
    "cadence": ["deliver", "push-targets"],
    "drop-kpis": ["cadence"],
    "report": ["drop-kpis"],
}
# Secrets a step needs beyond the customer salt, from Variables whose names contain "secret" (masked in logs).
EXTRA_ENV = {
    "deliver": {"DROPCAST_WEBHOOK_SECRET": "{{ var.value.get('dropcast_webhook_secret', '') }}"},
}


def _variable(key: str, default: str) -> str:
    """A Variable read when the DAG file is parsed; only the connection id, which is not templated."""
    try:
        return Variable.get(key, default=default)  # Airflow 3 (airflow.sdk.Variable)
    except TypeError:
        return Variable.get(key, default_var=default)  # Airflow 2 (airflow.models.Variable)


default_args = {
    "owner": "dropcast",
    "depends_on_past": False,
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
    "execution_timeout": timedelta(hours=3),
}

with DAG(
    dag_id=DAG_ID,
    description="Dropcast nightly: ingest, train, forecast, plan, packing lists, webhooks, push targets, cadence, drop KPIs, report",
    schedule=CronDataIntervalTimetable("30 1 * * *", timezone=TIME_ZONE),
    start_date=pendulum.datetime(2026, 11, 1, tz=TIME_ZONE),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["dropcast"],
    doc_md=__doc__,
) as dag:
    tasks = {}
    for step in STEPS:
        task = SparkSubmitOperator(
            task_id=step.replace("-", "_"),
            name=f"dropcast-{step}-{{{{ ds }}}}",
            conn_id=_variable("dropcast_spark_conn_id", "spark_default"),
            application="{{ var.value.dropcast_jar }}",
            java_class=MAIN_CLASS,
            application_args=[
                "nightly", "--date", "{{ ds }}", "--step", step,
                "--conf", "{{ var.value.dropcast_conf_file }}",
            ],
            env_vars={"DROPCAST_CUSTOMER_SALT": "{{ var.value.dropcast_customer_salt_secret }}",
                      **EXTRA_ENV.get(step, {})},
            verbose=False,
        )
        for upstream in UPSTREAM.get(step, []):
            tasks[upstream] >> task
        tasks[step] = task
