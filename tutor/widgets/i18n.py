"""The words of the app's chrome (titles, keys, buttons, messages) in English and Korean.

Course text comes from the course files; only the interface's own strings live here. `tr(key, lang)`
returns the key itself when a string is missing, so a forgotten entry shows up as a visible key, never
as a crash.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # key: (English, Korean)
    # footer and help: actions
    "back": ("back", "뒤로"),
    "help": ("help", "도움말"),
    "quit": ("quit", "종료"),
    "open": ("open", "열기"),
    "continue": ("continue", "이어 하기"),
    "review": ("review", "복습"),
    "language": ("한국어", "English"),  # the footer names the language the key switches to
    "language_help": ("language: English ↔ 한국어", "언어: English ↔ 한국어"),  # help says what the key does
    "rerun_help": ("run again with a new seed", "새 시드로 다시 실행"),
    "theme": ("theme", "테마"),
    "quiz": ("quiz", "퀴즈"),
    "exercise": ("exercise", "실습"),
    "lab": ("lab", "실험"),
    "next": ("next", "다음"),
    "previous": ("previous", "이전"),
    "save": ("save", "저장"),
    "check": ("check", "채점"),
    "hint": ("hint", "힌트"),
    "solution": ("solution", "모범 답안"),
    "reset": ("reset", "초기화"),
    "editor": ("$EDITOR", "$EDITOR"),
    "edit": ("edit here", "여기서 편집"),
    "lesson": ("lesson", "강의"),
    "answer": ("answer", "답하기"),
    "skip": ("skip", "건너뛰기"),
    "rerun": ("new seed", "새 시드"),
    "yes": ("yes", "예"),
    "no": ("no", "아니요"),
    "palette": ("commands", "명령"),
    # home
    "home": ("Home", "홈"),
    "app_title": ("tutor · Deep Learning from Scratch, chapter 6", "tutor · 밑바닥부터 시작하는 딥러닝 6장"),
    "reviews_due": ("Reviews due: {n}", "복습할 항목: {n}개"),
    "start_here": ("Start with the first lesson (enter)", "첫 강의부터 시작하세요(enter)"),
    "mastery": ("mastery", "숙달도"),
    "status_new": ("new", "새로움"),
    "status_started": ("started", "진행 중"),
    "status_failed": ("failing", "실패"),
    "status_passed": ("passed", "통과"),
    # lesson
    "no_lesson": ("This lesson is not written yet.", "이 강의는 아직 준비되지 않았습니다."),
    "no_exercise": ("This concept has no exercise.", "이 개념에는 실습이 없습니다."),
    "no_lab": ("This concept has no lab.", "이 개념에는 실험이 없습니다."),
    "no_questions": ("This concept has no questions yet.", "이 개념에는 아직 문제가 없습니다."),
    "unknown_link": ("Unknown link: {href}", "알 수 없는 링크: {href}"),
    "course_loading": ("The course is still loading: a moment.", "강의 자료를 불러오는 중입니다. 잠시만요."),
    # quiz
    "quiz_title": ("Quiz · {title}", "퀴즈 · {title}"),
    "predict_title": ("Predict before you code · {title}", "코딩 전에 예측하기 · {title}"),
    "question_n": ("Question {i} of {n}", "{n}문제 중 {i}번"),
    "your_answer": ("Your answer (enter to submit)", "답(enter로 제출)"),
    "pick_choice": ("Pick an answer: a–{last} (or 1–{n}), or arrows + enter", "답을 고르세요: a–{last}(또는 1–{n}), 또는 화살표 + enter"),
    "unreadable": ("Could not read that: {why}", "답을 읽을 수 없습니다: {why}"),
    "checking": ("Checking…", "확인하는 중…"),
    "press_next": ("n: next question", "n: 다음 문제"),
    "quiz_done": ("Done: {right} of {n} right.", "끝났습니다: {n}문제 중 {right}문제 정답."),
    "quiz_done_keys": ("enter/escape: back", "enter/escape: 돌아가기"),
    "predict_done_keys": ("enter: on to the exercise", "enter: 실습으로 가기"),
    # exercise
    "task": ("Task", "과제"),
    "checks": ("What is checked", "채점 항목"),
    "your_file": ("Your file: {path}", "내 파일: {path}"),
    "results": ("Results", "결과"),
    "not_checked": (
        "Not checked yet. Save the file (ctrl+s here, or from any editor) and it is checked at once.",
        "아직 채점하지 않았습니다. 파일을 저장하면(여기서 ctrl+s 또는 어떤 편집기에서든) 바로 채점합니다.",
    ),
    "grading": ("Checking your file…", "파일을 채점하는 중…"),
    "passed": ("Passed. n: next exercise", "통과했습니다. n: 다음 실습"),
    "failed": ("Not yet.", "아직 통과하지 못했습니다."),
    "error": ("Your file did not run.", "파일이 실행되지 않았습니다."),
    "diagnosis": ("What went wrong", "무엇이 잘못되었나"),
    "hints": ("Hints", "힌트"),
    "no_more_hints": ("No more hints.", "더 이상 힌트가 없습니다."),
    "solution_locked": ("The reference solution opens once you pass.", "모범 답안은 통과한 뒤에 볼 수 있습니다."),
    "saved": ("Saved.", "저장했습니다."),
    "save_failed": ("Could not save: {why}", "저장하지 못했습니다: {why}"),
    "changed_on_disk": (
        "The file changed on disk while you had unsaved edits here; your edits stay in the editor, and "
        "saving them keeps the other version in workspace/.backup/.",
        "저장하지 않은 편집이 있는 동안 파일이 바뀌었습니다. 편집 내용은 편집기에 그대로 있고, "
        "저장하면 다른 버전은 workspace/.backup/에 보관됩니다.",
    ),
    "confirm_reset": (
        "Reset {id} to the stub? Your file is backed up first.",
        "{id}를 처음 상태로 되돌릴까요? 지금 파일은 먼저 백업됩니다.",
    ),
    "reset_done": ("Reset. Your old file is at {path}", "초기화했습니다. 이전 파일: {path}"),
    "no_editor": ("Set $EDITOR to open your file in your editor.", "$EDITOR를 설정하면 내 편집기로 열 수 있습니다."),
    "editor_failed": ("Could not run the editor: {why}", "편집기를 실행하지 못했습니다: {why}"),
    "pass_first": ("Pass this exercise first (or press escape).", "먼저 이 실습을 통과하세요(또는 escape)."),
    # review
    "review_title": ("Review", "복습"),
    "review_empty": ("Nothing to review right now. Well done.", "지금은 복습할 것이 없습니다. 잘했어요."),
    "review_item": ("Item {i} of {n}", "{n}개 중 {i}번째"),
    "review_go": ("start", "시작"),
    "review_today": ("Today's review: {n} items.", "오늘 복습: {n}개."),
    "review_deferred": ("+{n} more deferred to tomorrow (at most {cap} a day).", "{n}개는 내일로 미뤘습니다(하루 최대 {cap}개)."),
    "review_done_today": ("Done for today: {n} more deferred to tomorrow.", "오늘 몫은 다 했습니다. {n}개는 내일로 미뤘습니다."),
    "next_step": ("next step", "다음 할 일"),
    "next_at": ("Next (c): {title}", "다음(c): {title}"),
    "next_step_is": ("Next: {title}", "다음 할 일: {title}"),
    "next_step_keys": ("c: open it · escape: back", "c: 열기 · escape: 뒤로"),
    "legend": (
        "✓ passed ✗ failing … started · new   mastery: right share of your last 5 results",
        "✓ 통과 ✗ 실패 … 진행 중 · 시작 전   숙달도: 최근 결과 5개 중 맞힌 비율",
    ),
    "review_summary": ("Session done. What changed:", "복습 끝. 달라진 점:"),
    "review_no_change": ("No change in mastery.", "숙달도 변화가 없습니다."),
    "kind_question": ("question", "문제"),
    "kind_exercise": ("exercise", "실습"),
    "kind_lesson": ("lesson", "강의"),
    # lab
    "lab_title": ("Lab · {name}", "실험 · {name}"),
    "lab_running": ("Running the experiment…", "실험을 실행하는 중…"),
    "lab_missing": ("Labs are not available yet.", "실험 기능은 아직 준비되지 않았습니다."),
    "lab_same": (
        "A new seed changed nothing: this experiment has no randomness (it starts from fixed points).",
        "새 시드로 다시 실행해도 결과가 같습니다. 이 실험에는 무작위성이 없습니다(고정된 지점에서 시작합니다).",
    ),
    # everywhere
    "core_missing": ("{what} is not available in this build yet.", "{what} 기능은 아직 이 빌드에 없습니다."),
    "unexpected": (
        "Something went wrong ({what}); details are in {log}.",
        "문제가 생겼습니다({what}). 자세한 내용은 {log}에 있습니다.",
    ),
    # what the app was doing when something failed: the {what} of "unexpected"
    "while_course": ("course", "강의 자료"),
    "while_store": ("progress store", "진행 기록"),
    "while_settings": ("settings", "설정"),
    "while_recording": ("recording progress", "진행 상황 기록"),
    "while_progress": ("progress", "진행 상황"),
    "while_reviews_due": ("reviews due", "복습할 항목 수"),
    "while_review_queue": ("review queue", "복습 목록"),
    "while_review_item": ("review item", "복습 항목"),
    "while_question": ("question {id}", "문제 {id}"),
    "while_checking": ("checking {id}", "{id} 답 확인"),
    "while_workspace": ("workspace", "작업 폴더"),
    "while_reading_file": ("reading your file", "내 파일 읽기"),
    "while_grading": ("grading {id}", "{id} 채점"),
    "while_solution": ("solution", "모범 답안"),
    "while_reset": ("reset", "초기화"),
    "while_lab": ("lab {id}", "실험 {id}"),
    # the store cannot write ({why}: the store's own words, the real reason, in the learner's language)
    "read_only": ("Your progress is read-only here ({why}): nothing will be recorded.", "여기서는 진행 기록을 읽기만 합니다({why}). 아무것도 기록되지 않습니다."),
    "not_recorded": ("This was not recorded: {why}", "이번 것은 기록되지 않았습니다: {why}"),
    "could_not": ("{what}: {why}", "{what}: {why}"),
    "jump_concept": ("Open lesson {id} · {title}", "{id} 강의 열기 · {title}"),
    "jump_exercise": ("Open exercise {id} · {title}", "실습 {id} 열기 · {title}"),
    "jump_lab": ("Open lab {id} · {title}", "실험 {id} 열기 · {title}"),
    "jump_reset": ("Reset exercise {id} to its stub (backed up first)", "실습 {id} 처음 상태로 되돌리기(먼저 백업)"),
    "cmd_continue": ("Continue: the next step", "이어 하기: 다음 할 일"),
    "cmd_continue_help": ("what home's c opens", "홈의 c와 같습니다"),
    "cmd_review": ("Review what is due", "복습하기"),
    "cmd_review_help": ("the review session (home: r)", "복습 세션(홈: r)"),
    "cmd_language": ("Language: English ↔ 한국어", "언어: English ↔ 한국어"),
    "cmd_theme": ("Theme: dark ↔ light", "테마: 어두움 ↔ 밝음"),
    "cmd_theme_help": ("f3", "f3"),
    "cmd_help": ("Keys (help)", "단축키(도움말)"),
    "cmd_help_help": ("?", "?"),
    "cmd_quit": ("Quit", "종료"),
    "everywhere": ("Everywhere", "모든 화면"),
    "help_title": ("Keys", "단축키"),
    "help_footer": (
        "Everything also works with the mouse. ctrl+p opens the command palette: type a lesson, exercise or lab, "
        "or review, continue, language, theme, reset.",
        "마우스로도 모두 쓸 수 있습니다. ctrl+p로 명령 팔레트를 열고 강의, 실습, 실험 이름이나 복습, 이어 하기, "
        "언어, 테마, 초기화를 입력하세요.",
    ),
    # exercise screen
    "printed": ("Your code printed:", "코드가 출력한 내용:"),
    "edit_short": ("edit", "편집"),
    "solution_short": ("solution", "답안"),
    "not_started": ("Not started — write your code in {path}", "아직 시작하지 않았습니다 — {path}에 코드를 작성하세요"),
    "not_started_more": (
        "Not started yet: your code still stops at the TODO on line {line} (it raises NotImplementedError "
        "there). Write that part and save: it is checked at once.",
        "아직 시작 전입니다: 코드가 여전히 {line}번째 줄의 TODO에서 멈춥니다(그 자리에서 NotImplementedError를 "
        "냅니다). 그 부분을 작성하고 저장하면 바로 채점합니다.",
    ),
    "not_started_at_todo": (
        "Not started yet: your code still stops at a TODO (it raises NotImplementedError there). Write that "
        "part and save: it is checked at once.",
        "아직 시작 전입니다: 코드가 여전히 TODO 자리에서 멈춥니다(그 자리에서 NotImplementedError를 냅니다). "
        "그 부분을 작성하고 저장하면 바로 채점합니다.",
    ),
    "passed_n": ("Passed: all {n} checks.", "통과했습니다: 확인 {n}개 모두 통과."),
    "passed_keys": ("n: next exercise · s: solution", "n: 다음 실습 · s: 모범 답안"),
    "passed_keys_last": ("s: solution", "s: 모범 답안"),
    "failed_n": ("Not yet: {k} of {n} checks fail.", "아직입니다: 확인 {n}개 중 {k}개가 통과하지 못했습니다."),
    "revisit": ("(revisit {concept})", "(다시 볼 개념: {concept})"),
    "same_in_more": ("The same in {n} more checks.", "다른 확인 {n}개에서도 같습니다."),
    "check_results": ("Checks", "확인 결과"),
    "leave_unsaved": (
        "You have edits that are not saved. Save and check them before you leave?",
        "저장하지 않은 편집이 있습니다. 나가기 전에 저장하고 채점할까요?",
    ),
    "leave_save": ("Save and check (s)", "저장하고 채점(s)"),
    "leave_discard": ("Discard edits (d)", "편집 버리기(d)"),
    "leave_stay": ("Stay (esc)", "머무르기(esc)"),
    "not_utf8": (
        "Read-only: this file is not UTF-8 text (byte {at}), so it is shown here but never rewritten. "
        "Save it as UTF-8 in your editor (o), or reset it (R).",
        "읽기 전용: 이 파일은 UTF-8 텍스트가 아니어서({at}번째 바이트) 보여 주기만 하고 덮어쓰지 않습니다. "
        "편집기(o)에서 UTF-8로 저장하거나 초기화(R)하세요.",
    ),
    "control_chars": (
        "Read-only: line {line} holds a control character (shown as {shown}), so the file is shown here but "
        "never rewritten. Remove it in your editor (o), or reset the file (R).",
        "읽기 전용: {line}번째 줄에 제어 문자({shown}로 표시)가 있어서 보여 주기만 하고 덮어쓰지 않습니다. "
        "편집기(o)에서 지우거나 파일을 초기화(R)하세요.",
    ),
    "read_only_file": ("This file is shown read-only.", "이 파일은 읽기 전용으로 표시됩니다."),
    "all_passed": ("Every exercise has passed. Well done.", "모든 실습을 통과했습니다. 잘했어요."),
    "all_passed_step": ("c: the next step", "c: 다음 할 일"),
}


def tr(key: str, lang: str, **values: object) -> str:
    """The interface string `key` in `lang` ("en" or "ko"), with `{name}` fields filled from `values`."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "ko" else pair[0]
    return text.format(**values) if values else text
