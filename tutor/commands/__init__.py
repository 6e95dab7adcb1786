"""The CLI's handlers, one module per area; `tutor.cli` parses and calls `<module>.<command>(args)`.

Handlers print for a person (or JSON with --json) and return an exit code; the work is in the core.
Every sentence the CLI says is in `WORDS` (English, Korean), said with `say(key, lang, ...)` in the
language `language(args)` picks; errors carry a key too (`UsageError("unknown_id", id=...)`) and
`tutor.cli` says them in the learner's language.
"""

from __future__ import annotations

from typing import Any

WORDS: dict[str, tuple[str, str]] = {
    # key: (English, Korean). Values ({id}, {path}, ...) are made safe (`safe_text`) before they are filled in.
    # usage and errors (tutor.cli prints them as "tutor: ...")
    "unknown_id": (
        "unknown exercise id '{id}' (`tutor list` shows the ids)",
        "'{id}'라는 실습은 없습니다(`tutor list`로 실습 id를 볼 수 있습니다)",
    ),
    "name_an_exercise": (
        "name an exercise (e.g. `tutor check adam`) or use --all; `tutor list` shows the ids",
        "실습 이름을 주거나(예: `tutor check adam`) --all을 쓰세요. `tutor list`로 실습 id를 볼 수 있습니다",
    ),
    "ids_or_all": ("give exercise ids or --all, not both", "실습 id와 --all 중 하나만 주세요"),
    "file_one_id": ("--file grades one exercise: give exactly one id", "--file은 실습 하나를 채점합니다. id를 하나만 주세요"),
    "file_exists": (
        "{path} exists; choose another name, or add --force to replace it",
        "{path} 파일이 이미 있습니다. 다른 이름을 고르거나, 바꾸려면 --force를 붙이세요",
    ),
    "cannot_write": ("cannot write {path}: {why}", "{path}에 쓸 수 없습니다: {why}"),
    "is_a_folder": ("{path} is a folder; give a file name", "{path}은(는) 폴더입니다. 파일 이름을 주세요"),
    "import_unfinished": (
        "the import did not finish: {why}; run it again then (attempts already here are skipped)",
        "가져오기를 마치지 못했습니다: {why}. 그러면 다시 실행하세요(이미 있는 기록은 건너뜁니다)",
    ),
    "needs_yes": (
        "resetting replaces your file with the stub: add --yes to confirm (`tutor reset {id} --yes`)",
        "초기화하면 파일이 스텁으로 바뀝니다. 확인하려면 --yes를 붙이세요(`tutor reset {id} --yes`)",
    ),
    "needs_terminal": (
        "the app needs a terminal (stdin and stdout); the commands work anywhere: `tutor --help`",
        "앱은 터미널에서만 실행됩니다(stdin과 stdout). 명령은 어디서나 쓸 수 있습니다: `tutor --help`",
    ),
    "unexpected": (
        "unexpected error: {what} (details in {log})",
        "예상하지 못한 오류: {what} (자세한 내용은 {log})",
    ),
    "course_not_loaded": (
        "the course did not load ({why}); showing what your progress knows",
        "강의 자료를 읽지 못했습니다({why}). 진도 기록에 있는 것만 보여 줍니다",
    ),
    # export / import
    "exported": ("exported {n} attempts to {path}", "기록 {n}개를 {path}에 내보냈습니다"),
    "imported": (
        "imported {added} new attempts from {path} ({skipped} already here)",
        "{path}에서 새 기록 {added}개를 가져왔습니다(이미 있던 {skipped}개는 건너뜀)",
    ),
    # progress / review
    "reviews_due": ("Reviews due: {n}", "복습할 항목: {n}개"),
    "reviews_due_see": ("Reviews due: {n} — see `tutor review`.", "복습할 항목: {n}개 — `tutor review`로 확인하세요."),
    "nothing_due": ("Nothing to review right now. Well done!", "복습할 것이 없습니다. 잘하고 있어요!"),
    "deferred": (
        "+{n} more deferred to tomorrow (at most {cap} a day).",
        "+{n}개는 내일로 미뤘습니다(하루 최대 {cap}개).",
    ),
    "done_for_today": ("Done for today: {n} more deferred to tomorrow.", "오늘 몫은 다 했습니다. {n}개는 내일로 미뤘습니다."),
    # next
    "next_no_course": (
        "the course did not load ({why}), so there is no next step to show",
        "강의 자료를 불러오지 못해({why}) 다음 할 일을 보여 줄 수 없습니다",
    ),
    "next_is": ("Next: {title}", "다음 할 일: {title}"),
    "next_how": ("Open it: tutor next --open (or c on the app's home screen)", "열기: tutor next --open (앱의 홈 화면에서는 c)"),
    "next_from_shell": ("From the shell: {command}", "셸에서: {command}"),
    # doctor
    "doctor_platform": ("platform", "플랫폼"),
    "doctor_python": ("python", "파이썬"),
    "doctor_tutor": ("tutor", "tutor"),
    "doctor_terminal": ("terminal", "터미널"),
    "doctor_layers": ("isolation layers (in the child that runs learner code):", "격리 계층(학습자 코드를 실행하는 자식 프로세스):"),
    "doctor_rlimits": ("limits", "제한"),
    "doctor_rlimits_value": (
        "address space ~1 GiB, CPU time, files ≤ 1 MiB, no core dumps (set in the child)",
        "주소 공간 약 1 GiB, CPU 시간, 파일 1 MiB 이하, 코어 덤프 없음(자식 프로세스에서 설정)",
    ),
    "doctor_selftest": (
        "self-test (a real child tried what learner code must not do):",
        "자체 점검(실제 자식 프로세스가 학습자 코드에 금지된 일을 시도):",
    ),
    "doctor_refused": ("refused", "거부됨"),  # what the self-test's attempt came to
    "doctor_done": ("NOT refused", "거부되지 않음"),
    "doctor_not_tried": ("not tried", "시도하지 못함"),
    "doctor_effect": (" — and it happened", " — 실제로 일어남"),
    "doctor_full": (
        "boundary: full — `tutor check --strict` grades here",
        "격리: 완전 — `tutor check --strict`로 채점할 수 있습니다",
    ),
    "doctor_partial": (
        "boundary: partial — grading works with the layers above; `tutor check --strict` refuses here",
        "격리: 부분 — 위 계층으로 채점은 되지만 `tutor check --strict`는 거부합니다",
    ),
    # list / hint / reset / solution
    "exercises": ("exercises", "실습"),
    "labs": ("labs", "실험"),
    "questions": ("questions", "문제"),
    "hint": ("Hint {i} of {n}", "힌트 {i}/{n}"),
    "no_hints": ("{id} has no hints", "{id}에는 힌트가 없습니다"),
    "all_hints": (
        "(that was the last hint; `tutor check {id}` tells you what still differs)",
        "(마지막 힌트였습니다. `tutor check {id}`로 아직 다른 부분을 확인하세요)",
    ),
    "confirm_reset": (
        "Replace {path} with the stub? Your file is backed up first. [y/N] ",
        "{path}을(를) 스텁으로 되돌릴까요? 먼저 백업합니다. [y/N] ",
    ),
    "kept": ("kept your file; nothing changed", "파일을 그대로 두었습니다"),
    "backup": ("your previous file is saved at {path}", "이전 파일은 {path}에 저장했습니다"),
    "reset": ("{path} is the stub again", "{path}이(가) 다시 스텁이 되었습니다"),
    "locked": (
        "the solution opens once `tutor check {id}` passes (status now: {status}); `tutor hint {id}` helps meanwhile",
        "해답은 `tutor check {id}` 명령으로 통과한 뒤에 열립니다(현재 상태: {status}). 그동안 `tutor hint {id}` 명령의 힌트가 도움이 됩니다",
    ),
    # exercise status words, inside sentences
    "status_new": ("not started", "시작 전"),
    "status_started": ("started", "진행 중"),
    "status_failed": ("not passing yet", "아직 통과 못 함"),
    "status_passed": ("passed", "통과"),
    # labs
    "labs_header": ("Labs (run one with `tutor lab NAME`):", "실험 (`tutor lab 이름`으로 실행):"),
    "unknown_lab": ("unknown lab '{name}'; labs: {labs}", "'{name}'라는 실험은 없습니다. 실험: {labs}"),
    "lab_no_lr": ("lab {id} has no learning rate to set", "실험 {id}에는 정할 학습률이 없습니다"),
    "lab_lr_positive": ("--lr must be positive", "--lr은 양수여야 합니다"),
    "lab_no_optimizers": ("lab {id} does not compare optimizers", "실험 {id}은(는) 최적화 기법을 비교하지 않습니다"),
    "lab_no_steps": ("lab {id} has no steps or epochs to set", "실험 {id}에는 정할 단계 수나 에폭 수가 없습니다"),
    "lab_bad_value": ("{why}", "{why}"),
    # tutor check
    "check_passed": ("all {n} checks passed", "확인 {n}개 모두 통과"),
    "check_failed": ("{k} of {n} checks did not pass", "확인 {n}개 중 {k}개 통과하지 못함"),
    "check_error": ("error", "오류"),
    "check_why": ("why", "진단"),
    "check_see": ("see {concept}", "{concept} 다시 보기"),
    "check_printed": ("your code printed:", "코드가 출력한 내용:"),
    "check_next": ("next: tutor hint {id}", "다음: tutor hint {id}"),
    "check_next_pass": ("next: tutor solution {id} (compare with the book's way)", "다음: tutor solution {id} (책의 방식과 비교해 보세요)"),
    "check_summary": ("{p} of {n} exercises pass", "실습 {n}개 중 {p}개 통과"),
    "check_summary_not_started": ("{p} of {n} exercises pass, {s} not started", "실습 {n}개 중 {p}개 통과, {s}개 시작하지 않음"),
    "check_not_started": ("not started", "시작하지 않음"),
    "check_next_start": ("next: write your code in the file `tutor path {id}` shows, then `tutor check {id}` again", "다음: `tutor path {id}` 명령이 알려 주는 파일에 코드를 작성한 뒤 `tutor check {id}` 명령을 다시 실행하세요"),
    "check_not_recorded": ("tutor: the result was not recorded ({why})", "tutor: 결과를 기록하지 못했습니다({why})"),
    # progress, review: columns and kinds; why something was not recorded (by StoreError.reason)
    "column_concept": ("Concept", "개념"),
    "column_mastery": ("Mastery", "숙달도"),
    "column_exercises": ("Exercises", "실습"),
    "column_due": ("Due", "복습"),
    "kind_question": ("question", "문제"),
    "kind_exercise": ("exercise", "실습"),
    "kind_lesson": ("lesson", "강의"),
    "not_recorded_busy": ("another tutor kept your progress busy for too long; try again in a moment", "다른 tutor가 진행 기록을 너무 오래 쓰고 있었습니다. 잠시 뒤 다시 해 보세요"),
    "not_recorded_unwritable": ("your data home ({home}) cannot be written; make it writable, or set TUTOR_HOME to a folder you can write", "데이터 폴더({home})에 쓸 수 없습니다. 쓰기 권한을 주거나 TUTOR_HOME을 쓸 수 있는 폴더로 지정하세요"),
    "not_recorded_no_space": ("the disk holding {home} is full; free some space and try again", "{home}이(가) 있는 디스크가 가득 찼습니다. 공간을 비운 뒤 다시 해 보세요"),
    "not_recorded_read_only": ("progress was opened read-only", "진행 기록을 읽기 전용으로 열었습니다"),
    "hint_not_recorded": ("tutor: this hint was not recorded: {why}", "tutor: 이 힌트는 기록되지 않았습니다: {why}"),
    "solution_not_recorded": ("tutor: this look at the solution was not recorded: {why}", "tutor: 해답을 본 것이 기록되지 않았습니다: {why}"),
}


def in_language(pair: tuple[str, str], lang: str) -> str:
    """The (English, Korean) pair's sentence in `lang`: the one place the CLI chooses a language (also for
    pairs the core keeps, such as the sandbox's self-test attempts)."""
    return pair[1] if lang == "ko" else pair[0]


def say(key: str, lang: str, **values: Any) -> str:
    """The CLI's sentence `key` in `lang` ("en" or "ko"), its `{fields}` filled with safe text; an
    unknown key is returned as it is (a message that is already a sentence)."""
    from tutor.safetext import safe_text

    pair = WORDS.get(key)
    if pair is None:
        return safe_text(key)
    return in_language(pair, lang).format(**{name: safe_text(value, limit=500, one_line=True) for name, value in values.items()})


def language(args: Any = None, store: Any = None) -> str:
    """The output language: --lang, else the learner's setting (from `store` if open), else English."""
    lang = getattr(args, "lang", None)
    if not lang:
        try:
            if store is not None:
                lang = store.get_setting("language")
            else:  # no need to open the store for one setting
                from tutor.progress.settings import read_settings

                lang = read_settings().get("language")
        except Exception:  # the language is never worth an error
            lang = None
    return lang if lang in ("en", "ko") else "en"
