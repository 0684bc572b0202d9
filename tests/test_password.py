"""The shared password (lib/access/password.py): constant-time match, and wrong guesses slowed per client."""

import pytest

from lib.access import password


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(("guess", "secret", "ok"), [
    ("s3cret", "s3cret", True), ("s3cret ", "s3cret", False), ("S3CRET", "s3cret", False), ("", "s3cret", False),
    ("", "", False), ("anything", "", False), ("пароль", "пароль", True), ("парол", "пароль", False),
])
def test_matches(guess, secret, ok):
    assert password.matches(guess, secret) is ok


def test_delay_doubles_and_is_capped():
    assert [password.delay_after(n) for n in range(5)] == [0.0, 1.0, 2.0, 4.0, 8.0]
    assert password.delay_after(50) == password.MAX_DELAY


def test_wrong_guesses_make_the_client_wait_and_a_right_one_clears_it():
    clock = Clock()
    throttle = password.Throttle(clock=clock)
    assert throttle.wait("10.0.0.1") == 0.0
    for _ in range(3):
        assert not throttle.check("10.0.0.1", "guess", "s3cret")
    assert throttle.failures("10.0.0.1") == 3
    assert throttle.wait("10.0.0.1") == 4.0
    assert throttle.wait("10.0.0.2") == 0.0  # another client is not slowed by this one
    clock.now += 3
    assert throttle.wait("10.0.0.1") == 1.0
    clock.now += 5
    assert throttle.wait("10.0.0.1") == 0.0
    assert throttle.check("10.0.0.1", "s3cret", "s3cret")
    assert throttle.failures("10.0.0.1") == 0 and throttle.wait("10.0.0.1") == 0.0


def test_clients_remembered_are_bounded(monkeypatch):
    monkeypatch.setattr(password, "MAX_CLIENTS", 3)
    throttle = password.Throttle(clock=Clock())
    for client in "abcd":
        throttle.check(client, "x", "y")
    assert throttle.failures("a") == 0 and throttle.failures("d") == 1


def test_the_password_comes_from_the_setting(monkeypatch):
    monkeypatch.delenv("KK_PASSWORD", raising=False)
    assert password.required() == ""
    monkeypatch.setenv("KK_PASSWORD", "team")
    assert password.required() == "team"
