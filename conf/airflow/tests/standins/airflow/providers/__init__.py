"""Stand-in package (see conf/airflow/tests/standins/README.md)."""
