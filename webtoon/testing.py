"""Helpers for tests that need real concurrency (PostgreSQL, transaction=True)."""

import threading
from collections.abc import Callable

from django.db import connection


def run_concurrently(count: int, work: Callable[[int], object]) -> list:
    """Run `work(index)` in `count` threads released together; return their results in index order.

    Each thread gets its own database connection and closes it; the first error is re-raised.
    """
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except BaseException as error:  # noqa: BLE001 - handed to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def raised_by(call: Callable[[], object]) -> Exception | None:
    """What `call()` raised, or None: for races in which one side is meant to lose."""
    try:
        call()
    except Exception as error:  # noqa: BLE001 - handed to the test
        return error
    return None
