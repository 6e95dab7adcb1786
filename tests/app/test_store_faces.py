"""The app on a store that cannot write: it says so once, in plain text, with the real reason (a lock
file that cannot be used, a full disk), in the learner's language; never "Something went wrong" for a
disk problem, and never drops an attempt silently. And one list of themes, the settings'."""

from __future__ import annotations

import errno

import pytest
from apphelpers import wait_for, wait_for_screen

from tutor.progress import StoreError
from tutor.screens.home import HomeScreen


def _messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def _opened(pilot, app) -> None:
    await wait_for_screen(pilot, HomeScreen)
    await wait_for(pilot, lambda: app.store_opened)


@pytest.mark.parametrize(("lang", "reason", "dropped"), [("en", "move it away", "not recorded"), ("ko", "다른 곳으로 옮기세요", "기록되지 않았습니다")])
async def test_a_store_that_fell_back_to_read_only_says_the_real_reason_once(make_app, tmp_path, lang, reason, dropped):
    (tmp_path / "progress").mkdir()
    (tmp_path / "progress" / ".lock").mkdir()  # a lock file that is a folder: the store opens read-only
    app = make_app(lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await _opened(pilot, app)
        assert app.store is not None and app.store.read_only
        await wait_for(pilot, lambda: any(reason in m for m in _messages(app)))
        said = _messages(app)
        assert not any("another tutor" in m.lower() or "다른 tutor가" in m for m in said), said  # not "busy"
        assert sum(reason in m for m in said) == 1, said  # once, not once per toast source
        assert not any(n.markup for n in app._notifications)
        before = len(said)
        app.record("quiz", "0097-q1", "0097", "right")  # dropped: the learner is told, once
        app.record("quiz", "0097-q1", "0097", "wrong")
        await pilot.pause(0.05)
        new = _messages(app)[before:]
        assert len(new) == 1 and dropped in new[0] and reason in new[0], new


async def test_a_store_opened_read_only_on_purpose_does_not_blame_another_tutor(make_app, monkeypatch):
    from tutor.progress import Store

    opened = Store.open.__func__

    monkeypatch.setattr(Store, "open", classmethod(lambda cls, home=None, **kw: opened(cls, home, read_only=True)))
    app = make_app(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await _opened(pilot, app)
        await wait_for(pilot, lambda: any("read-only" in m for m in _messages(app)))
        assert not any("another tutor" in m.lower() or "다른 tutor가" in m for m in _messages(app)), _messages(app)


@pytest.mark.parametrize(("lang", "full"), [("en", "the disk is full"), ("ko", "디스크가 가득 찼습니다")])
async def test_a_record_that_fails_on_a_full_disk_says_why_once_and_not_unexpected(make_app, lang, full):
    from tutor.progress.store import _not_saved

    app = make_app(lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await _opened(pilot, app)
        assert app.store is not None and not app.store.read_only

        def record(*args, **kwargs):
            raise StoreError(_not_saved(OSError(errno.ENOSPC, "No space left on device")), "no-space")

        app.store.wrapped.record = record
        before = len(_messages(app))
        app.record("quiz", "0097-q1", "0097", "right")
        app.record("quiz", "0097-q1", "0097", "right")
        await pilot.pause(0.05)
        new = _messages(app)[before:]
        assert len(new) == 1 and full in new[0], new
        assert "Something went wrong" not in new[0] and "문제가 생겼습니다" not in new[0]


def test_the_app_switches_between_the_themes_the_settings_accept():
    import tutor.app
    from tutor.progress.settings import THEMES

    assert tutor.app.THEMES is THEMES


@pytest.mark.parametrize(("lang", "words"), [("en", "the file system is read-only"), ("ko", "읽기 전용 파일 시스템입니다")])
async def test_an_exercise_file_that_cannot_be_made_is_said_in_one_line(make_app, monkeypatch, tmp_path, lang, words):
    import tutor.workspace
    from apphelpers import open_sgd_exercise

    def read_only(exercise_id, home=None):
        raise tutor.workspace.WorkspaceError(tmp_path / "workspace" / f"{exercise_id}.py", OSError(errno.EROFS, "Read-only file system"))

    monkeypatch.setattr(tutor.workspace, "learner_file", read_only)
    app = make_app(lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await _opened(pilot, app)
        await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: any(words in m for m in _messages(app)))
        said = [m for m in _messages(app) if words in m]
        assert len(said) == 1 and "sgd.py" in said[0] and "TUTOR_HOME" in said[0], said
        assert not any("Something went wrong" in m or "문제가 생겼습니다" in m for m in _messages(app))


@pytest.mark.parametrize(("lang", "words"), [("en", "the disk is full"), ("ko", "디스크가 가득 찼습니다")])
async def test_saving_on_a_full_disk_says_so_and_keeps_the_edits(make_app, monkeypatch, lang, words):
    import tutor.progress.storage
    from apphelpers import open_sgd_exercise

    from tutor.widgets.editor import CodeEditor

    app = make_app(lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await _opened(pilot, app)
        screen = await open_sgd_exercise(pilot)
        await wait_for(pilot, lambda: screen.path is not None and screen.query_one("#editor").text)
        before = screen.path.read_bytes()

        def full(path, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(tutor.progress.storage, "atomic_write", full)
        editor = screen.query_one("#editor", CodeEditor)
        editor.text = "# mine\n" + editor.text
        editor.focus()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(words in m for m in _messages(app)))
        assert screen.dirty and editor.text.startswith("# mine") and screen.path.read_bytes() == before
        assert not any("Something went wrong" in m or "Errno" in m for m in _messages(app))
