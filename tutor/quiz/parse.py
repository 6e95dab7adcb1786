"""The safe reader for what learners type: a whitelisted expression grammar, parsed by hand.

Learners' answers are never given to ``eval``, ``sympify`` or ``parse_expr`` (they run Python). This
module turns text into a small tree of plain tuples that only this package interprets, refusing
anything outside the grammar with one error type, ``AnswerParseError``, whose message (English and
Korean) says what could not be read.

Grammar (lowest precedence first)::

    expr    := term (('+' | '-') term)*
    term    := unary (('*' | '/' | <implicit>) unary)*     implicit: 2n, λW, W λ, 2(x+1), √2√n
    unary   := ('+' | '-') unary | power
    power   := postfix (('^' | '**') unary)?               right-associative: 2^-1, x^(1/2)
    postfix := atom <superscript integer>*                 x², n³, 10⁻³
    atom    := number | symbol | 'pi' | 'e' | func '(' expr ')' | '(' expr ')' | '√' postfix

Numbers: ``12``, ``0.5``, ``.5``, ``1e-7``, ``1.2E+3``. Symbols: only the question's declared names
(see ``declare``: a name, optionally ``"g: signed"`` or ``"s: alias sigma"``). Greek letters are aliases
(λ→lambda, η→eta, α→alpha, β→beta, ε→eps, μ→mu, σ→sigma, γ→gamma); digits, subscript digits and an
underscore before digits may follow any name (β₁, β1, beta_1 → beta1; x₁, x_1 → x1); a name typed in
the other case is read as the declared one when only one declared name matches (``w`` → W); a run of
letters that is not a declared name is split into declared names if it can be (``lambdaW`` →
lambda·W). Constants: π (``pi``), and Euler's ``e`` in expressions over symbols (unless a question
declares ``e``). Functions: sqrt, exp, log (natural), ln, abs, cos, with parentheses (``sqrt h`` also
reads, like ``√h``). Braces are parentheses (``e^{-kt}``). Superscript letters (β1ᵗ) read as powers.
Operators: + - − × ÷ · ⋅ * / ^ ** √ and superscript digits. Full-width ASCII (as some input methods
produce) is read as ASCII.

Tree nodes (tuples of strings and nodes, so they can cross a process boundary as JSON)::

    ("num", "0.5")  ("sym", "W")  ("pi",)  ("e",)  ("neg", a)  ("add", a, b)  ("sub", a, b)
    ("mul", a, b)  ("div", a, b)  ("pow", a, b)  ("call", "sqrt", a)

Limits, so that no input can make the app hang or eat memory: at most ``MAX_CHARS`` characters and
``MAX_TOKENS`` tokens, nesting depth ``MAX_DEPTH``, no power inside an exponent (``9**9**9``), and the
product of numeric exponents along nested powers at most ``MAX_EXPONENT`` in size (``(x+1)**2000``,
``((x+1)^10)^10``); numbers in scientific notation have ``|exponent| <= MAX_E_NOTATION``.
"""

from __future__ import annotations

import math
import unicodedata
from fractions import Fraction

from tutor.text import Text

MAX_CHARS = 200
MAX_TOKENS = 100
MAX_DEPTH = 20
MAX_EXPONENT = 10
MAX_E_NOTATION = 300

FUNCTIONS = ("sqrt", "exp", "log", "ln", "abs", "cos")
CONSTANTS = ("pi",)

# Greek letters (and common look-alikes) to the ASCII names questions declare.
GREEK = {
    "λ": "lambda",
    "η": "eta",
    "α": "alpha",
    "β": "beta",
    "ε": "eps",
    "ϵ": "eps",
    "μ": "mu",
    "µ": "mu",  # MICRO SIGN, which some keyboards give for μ
    "σ": "sigma",
    "γ": "gamma",
    "ρ": "rho",
    "π": "pi",
}
# ASCII spellings people use for the same names; applied only when the alias target is declared.
NAME_ALIASES = {"lam": "lambda", "epsilon": "eps", "lr": "eta"}

SUBSCRIPT_DIGITS = {chr(0x2080 + d): str(d) for d in range(10)}
SUPERSCRIPT_DIGITS = {"⁰": 0, "¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9}
SUPERSCRIPT_MINUS = "⁻"
# Superscript letters people paste from formulas (β1ᵗ): read as "^" and the letter.
SUPERSCRIPT_LETTERS = {"ᵗ": "t", "ⁿ": "n", "ᵏ": "k", "ˣ": "x", "ᵢ": "i"}

_OPERATORS = {
    "+": "+",
    "-": "-",
    "−": "-",  # MINUS SIGN
    "–": "-",  # EN DASH, which word processors substitute for '-'
    "*": "*",
    "×": "*",
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "/": "/",
    "÷": "/",
    "^": "^",
    "(": "(",
    ")": ")",
    "{": "(",
    "}": ")",
    "√": "√",
}


class Declared:
    """A question's ``symbols`` read: each entry is a name, optionally with attributes after a colon.

    - ``"W"``: a positive real (every quiz quantity is, unless declared otherwise);
    - ``"g: signed"``: any real (a gradient, a weight, an input), so that ``abs(g)`` is not ``g``;
    - ``"s: alias sigma"``: also typed as ``sigma`` or ``σ``; attributes combine: ``"x: signed, alias u"``.
    """

    def __init__(self, entries):
        self.entries = tuple(entries)
        names, signed, aliases = [], set(), {}
        for entry in self.entries:
            if not isinstance(entry, str):
                raise ValueError(f"a symbol declaration must be text, not {entry!r}")
            name, _, rest = entry.partition(":")
            name = name.strip()
            if not (name.isascii() and name.isidentifier()):
                raise ValueError(f"symbol declaration {entry!r}: {name!r} is not a name")
            names.append(name)
            for attribute in filter(None, (a.strip() for a in rest.split(","))):
                words = attribute.split()
                if words == ["signed"]:
                    signed.add(name)
                elif len(words) == 2 and words[0] == "alias" and words[1].isascii() and words[1].isidentifier():
                    aliases[words[1]] = name
                else:
                    raise ValueError(f"symbol declaration {entry!r}: unknown attribute {attribute!r} "
                                     "(use 'signed' or 'alias NAME')")
        if len(set(names)) != len(names):
            raise ValueError(f"symbols declared twice in {list(self.entries)}")
        self.names = tuple(names)
        self.signed = frozenset(signed)
        self.aliases = aliases

    def __iter__(self):
        return iter(self.names)

    def __len__(self):
        return len(self.names)

    def __contains__(self, name):
        return name in self.names


def declare(symbols) -> Declared:
    """``symbols`` (a question's declarations, or plain names) read into a ``Declared``."""
    return symbols if isinstance(symbols, Declared) else Declared(symbols)


class AnswerParseError(ValueError):
    """What the learner typed could not be read (as opposed to: it was read, and it is wrong).

    ``message`` is a one-line ``Text`` (en, ko) for the learner; ``str(error)`` is the English line.
    """

    def __init__(self, en: str, ko: str):
        super().__init__(en)
        self.message = Text(en=en, ko=ko)


def _fail(en: str, ko: str) -> AnswerParseError:
    return AnswerParseError(en, ko)


# ---------------------------------------------------------------------------------------------------
# Tokens: (kind, value) with kind in num | name | op | sup (superscript integer exponent)


def _normalise_char(ch: str) -> str:
    # Full-width forms (U+FF01..U+FF5E) map one to one onto ASCII.
    if "\uff01" <= ch <= "\uff5e":
        return chr(ord(ch) - 0xFEE0)
    if ch == "\u3000":  # IDEOGRAPHIC SPACE
        return " "
    return ch


def _check_characters(text: str) -> None:
    for ch in text:
        if ch in " \t":
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            raise _fail(
                f"Your answer contains a control or invisible character (U+{ord(ch):04X}); type it again.",
                f"답에 제어 문자나 보이지 않는 문자(U+{ord(ch):04X})가 들어 있습니다. 다시 입력해 주세요.",
            )


def _read_number(text: str, i: int) -> tuple[str, int]:
    start = i
    n = len(text)
    while i < n and text[i].isascii() and text[i].isdigit():
        i += 1
    if i < n and text[i] == ".":
        i += 1
        while i < n and text[i].isascii() and text[i].isdigit():
            i += 1
    if text[start:i] == ".":
        raise _fail("A lone '.' is not a number.", "'.'만으로는 숫자가 아닙니다.")
    # Scientific notation only when digits follow: "2eta" is 2·eta, "1e-7" is a number.
    if i < n and text[i] in "eE":
        j = i + 1
        if j < n and text[j] in "+-":
            j += 1
        k = j
        while k < n and text[k].isascii() and text[k].isdigit():
            k += 1
        if k > j:
            if k - j > 3 or int(text[j:k]) > MAX_E_NOTATION:
                raise _fail(
                    f"The power of ten in {text[start:k]!r} is too large (at most e±{MAX_E_NOTATION}).",
                    f"{text[start:k]!r}의 10의 지수가 너무 큽니다(최대 e±{MAX_E_NOTATION}).",
                )
            i = k
    return text[start:i], i


def _tokenize(text: str) -> list[tuple[str, object]]:
    tokens: list[tuple[str, object]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t":
            i += 1
        elif ch.isascii() and (ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit())):
            number, i = _read_number(text, i)
            tokens.append(("num", number))
        elif ch.isascii() and (ch.isalpha() or ch == "_"):
            j = i + 1
            while j < n and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
                j += 1
            name = text[i:j]
            while j < n and text[j] in SUBSCRIPT_DIGITS:  # x₁
                name += SUBSCRIPT_DIGITS[text[j]]
                j += 1
            tokens.append(("name", name))
            i = j
        elif ch in GREEK:
            # A Greek letter is a name of its own (λW is λ·W), but digits or subscripts after it belong
            # to it (β1, β₁).
            name = GREEK[ch]
            j = i + 1
            if j + 1 < n and text[j] == "_" and text[j + 1].isascii() and text[j + 1].isdigit():
                j += 1  # β_1
            while j < n and ((text[j].isascii() and text[j].isdigit()) or text[j] in SUBSCRIPT_DIGITS):
                name += SUBSCRIPT_DIGITS.get(text[j], text[j])
                j += 1
            tokens.append(("name", name))
            i = j
        elif ch in SUPERSCRIPT_DIGITS or ch == SUPERSCRIPT_MINUS:
            j = i + 1 if ch == SUPERSCRIPT_MINUS else i
            k = j
            while k < n and text[k] in SUPERSCRIPT_DIGITS:
                k += 1
            if k == j:
                raise _fail("'⁻' must be followed by superscript digits.", "'⁻' 뒤에는 위 첨자 숫자가 와야 합니다.")
            value = int("".join(str(SUPERSCRIPT_DIGITS[c]) for c in text[j:k]))
            tokens.append(("sup", -value if ch == SUPERSCRIPT_MINUS else value))
            i = k
        elif ch in SUPERSCRIPT_LETTERS:
            tokens.append(("op", "^"))
            tokens.append(("name", SUPERSCRIPT_LETTERS[ch]))
            i += 1
        elif ch == "*" and text.startswith("**", i):
            tokens.append(("op", "^"))
            i += 2
        elif ch in _OPERATORS:
            tokens.append(("op", _OPERATORS[ch]))
            i += 1
        elif ch == ",":
            raise _fail(
                "Commas are not understood: use a dot for decimals (0.5), and one value only.",
                "쉼표는 쓸 수 없습니다. 소수점은 점(0.5)으로 쓰고, 값은 하나만 입력해 주세요.",
            )
        elif ch == "=":
            raise _fail(
                "Type only the value or expression, without '='.",
                "'=' 없이 값이나 식만 입력해 주세요.",
            )
        else:
            raise _fail(
                f"Unexpected character {ch!r}: use numbers, the question's names, + - * / ^, √ and parentheses.",
                f"읽을 수 없는 문자 {ch!r}가 있습니다. 숫자, 문제의 기호, + - * / ^, √, 괄호만 쓸 수 있습니다.",
            )
        if len(tokens) > MAX_TOKENS:
            raise _fail(
                f"That expression is too long (more than {MAX_TOKENS} parts).",
                f"식이 너무 깁니다({MAX_TOKENS}개 요소 초과).",
            )
    return tokens


# ---------------------------------------------------------------------------------------------------
# Names: declared symbols, aliases, and runs of letters split into declared symbols


def _split_name(word: str, names: Declared) -> list[str] | None:
    """Split ``word`` into declared names, preferring the longest name at each position (``lambdaW``).

    Only declared names take part: a constant or a function hidden in a word (``ek``, ``sqrtn``) would
    more likely be a slip than meant.
    """
    best: dict[int, list[str] | None] = {len(word): []}
    for start in range(len(word) - 1, -1, -1):
        best[start] = None
        for end in range(len(word), start, -1):
            piece = _declared(word[start:end], names)
            if piece is not None and best[end] is not None:
                best[start] = [piece, *best[end]]
                break
    return best[0]


def _declared(word: str, names: Declared) -> str | None:
    """The declared name ``word`` stands for: itself, an alias, without an underscore before digits
    (beta_1), or in the other case when exactly one declared name matches (w for W)."""
    for form in (word, word.replace("_", "") if "_" in word and word[-1].isdigit() else None):
        if not form:
            continue
        if form in names:
            return form
        if form in names.aliases:
            return names.aliases[form]
        alias = NAME_ALIASES.get(form)
        if alias in names:
            return alias
        folded = [name for name in names if name.lower() == form.lower()]
        if len(folded) == 1:
            return folded[0]
    return None


def _constants(names: Declared) -> tuple[str, ...]:
    """π always; Euler's e only in expressions with symbols (in a plain number, "e-5" is a slip for 1e-5)."""
    return CONSTANTS + ("e",) if names and "e" not in names else CONSTANTS


def _resolve_name(word: str, names: Declared) -> list[str]:
    single = _declared(word, names)
    if single is not None:
        return [single]
    if word in FUNCTIONS or word in _constants(names):
        return [word]
    pieces = _split_name(word, names) if len(word) <= 24 else None
    if pieces:
        return pieces
    known = ", ".join(sorted(names.names)) if names else ""
    if known:
        raise _fail(
            f"Unknown name {word!r}: this answer may use {known}.",
            f"알 수 없는 이름 {word!r}입니다. 이 답에는 {known}만 쓸 수 있습니다.",
        )
    raise _fail(
        f"Unknown name {word!r}: type a number (e.g. 0.0123, 1.23e-2 or 0.1*0.9; 1e-5 for 10⁻⁵).",
        f"알 수 없는 이름 {word!r}입니다. 숫자를 입력해 주세요(예: 0.0123, 1.23e-2, 0.1*0.9. 10⁻⁵은 1e-5).",
    )


# ---------------------------------------------------------------------------------------------------
# Parser


class _Parser:
    def __init__(self, tokens: list[tuple[str, object]], names: Declared):
        # Expand names into symbols / functions / constants first, so the parser sees single names.
        self.tokens: list[tuple[str, object]] = []
        for kind, value in tokens:
            if kind == "name":
                self.tokens.extend(("name", piece) for piece in _resolve_name(str(value), names))
            else:
                self.tokens.append((kind, value))
        self.names = names
        self.pos = 0
        self.depth = 0

    # -- helpers

    def peek(self) -> tuple[str, object] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, object]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def at_op(self, *ops: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "op" and token[1] in ops

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _fail(
                "That expression is nested too deeply.",
                "식의 괄호나 부호가 너무 깊게 중첩되어 있습니다.",
            )

    def starts_atom(self) -> bool:
        token = self.peek()
        if token is None:
            return False
        kind, value = token
        return kind in ("num", "name") or (kind == "op" and value in ("(", "√"))

    # -- grammar

    def parse(self) -> tuple:
        if not self.tokens:
            raise _fail("The answer is empty.", "답이 비어 있습니다.")
        node = self.expr()
        if self.pos < len(self.tokens):
            kind, value = self.peek()
            if kind == "op" and value == ")":
                raise _fail("There is a ')' without a matching '('.", "짝이 맞지 않는 ')'가 있습니다.")
            raise _fail(f"Could not read the answer from {value!r} on.", f"{value!r}부터는 읽을 수 없습니다.")
        return node

    def expr(self) -> tuple:
        node = self.term()
        while self.at_op("+", "-"):
            op = self.take()[1]
            node = ("add" if op == "+" else "sub", node, self.term())
        return node

    def term(self) -> tuple:
        node = self.unary()
        while True:
            if self.at_op("*", "/"):
                op = self.take()[1]
                node = ("mul" if op == "*" else "div", node, self.unary())
            elif self.starts_atom():
                if self.peek()[0] == "num":
                    raise _fail(
                        f"A number cannot follow directly here ({self.peek()[1]!r}): put '*' between factors.",
                        f"여기에는 숫자({self.peek()[1]!r})가 바로 올 수 없습니다. 곱할 때는 '*'를 넣어 주세요.",
                    )
                node = ("mul", node, self.power())
            else:
                return node

    def unary(self) -> tuple:
        if not self.at_op("+", "-"):
            return self.power()
        op = self.take()[1]
        self.enter()
        operand = self.unary()
        self.depth -= 1
        return ("neg", operand) if op == "-" else operand

    def power(self) -> tuple:
        base = self.postfix()
        if self.at_op("^"):
            self.take()
            if self.peek() is None:
                raise _fail("Something is missing after '^'.", "'^' 뒤에 지수가 빠졌습니다.")
            return ("pow", base, self.unary())
        return base

    def postfix(self) -> tuple:
        node = self.atom()
        while self.peek() is not None and self.peek()[0] == "sup":
            node = ("pow", node, _integer_node(self.take()[1]))
        return node

    def atom(self) -> tuple:
        token = self.peek()
        if token is None:
            raise _fail("The answer ends too early: something is missing at the end.", "답이 끝에서 끊겼습니다. 마지막에 무언가 빠졌습니다.")
        kind, value = token
        if kind == "num":
            self.take()
            return ("num", value)
        if kind == "name":
            self.take()
            if value in FUNCTIONS:
                if value == "sqrt" and not self.at_op("(") and self.starts_atom():  # sqrt h, like √h
                    self.enter()
                    operand = self.postfix()
                    self.depth -= 1
                    return ("call", "sqrt", operand)
                if not self.at_op("("):
                    raise _fail(f"Write {value}(...) with parentheses.", f"{value}(...)처럼 괄호와 함께 써 주세요.")
                return ("call", "log" if value == "ln" else value, self.group())
            if value in ("pi", "e") and value not in self.names:
                return (value,)
            return ("sym", value)
        if kind == "op" and value == "(":
            return self.group()
        if kind == "op" and value == "√":
            self.take()
            self.enter()
            operand = self.postfix()
            self.depth -= 1
            return ("call", "sqrt", operand)
        if kind == "sup":
            raise _fail("A superscript needs something before it (x²).", "위 첨자 앞에 밑이 있어야 합니다(x²).")
        if value == ")":
            raise _fail("There is a ')' without a matching '(' or with nothing inside.", "짝이 맞지 않거나 속이 빈 ')'가 있습니다.")
        raise _fail(f"Something is missing before {value!r}.", f"{value!r} 앞에 무언가 빠졌습니다.")

    def group(self) -> tuple:
        self.take()  # "("
        self.enter()
        node = self.expr()
        self.depth -= 1
        if not self.at_op(")"):
            raise _fail("A '(' is never closed.", "닫히지 않은 '('가 있습니다.")
        self.take()
        return node


def _integer_node(value: int) -> tuple:
    return ("neg", ("num", str(-value))) if value < 0 else ("num", str(value))


# ---------------------------------------------------------------------------------------------------
# Size limits on powers


def _symbols_in(node: tuple) -> bool:
    if node[0] == "sym":
        return True
    return any(isinstance(child, tuple) and _symbols_in(child) for child in node[1:])


def _contains_power(node: tuple) -> bool:
    if node[0] == "pow":
        return True
    return any(isinstance(child, tuple) and _contains_power(child) for child in node[1:])


def _power_weight(node: tuple) -> float:
    """The largest product of numeric exponents along a chain of nested powers in ``node``."""
    children = [child for child in node[1:] if isinstance(child, tuple)]
    if node[0] != "pow":
        return max((_power_weight(child) for child in children), default=1.0)
    base, exponent = node[1], node[2]
    if _contains_power(exponent):
        raise _fail(
            "Powers inside an exponent (like 9^9^9) are not accepted.",
            "지수 안의 거듭제곱(9^9^9 같은 식)은 받지 않습니다.",
        )
    size = 1.0
    if not _symbols_in(exponent):
        try:
            size = abs(evaluate(exponent, {}))
        except (ArithmeticError, ValueError, TypeError):
            raise _fail("The exponent cannot be computed.", "지수를 계산할 수 없습니다.") from None
    weight = max(size, 1.0) * _power_weight(base)
    if weight > MAX_EXPONENT:
        raise _fail(
            f"Powers that large are not accepted (exponents up to {MAX_EXPONENT}).",
            f"그렇게 큰 거듭제곱은 받지 않습니다(지수는 {MAX_EXPONENT}까지).",
        )
    return weight


# ---------------------------------------------------------------------------------------------------
# Public entry points


def parse(text: str, symbols=()) -> tuple:
    """Read ``text`` into an expression tree over the declared ``symbols`` (names or declarations, see
    ``declare``); raise ``AnswerParseError``. The tree names symbols by their declared names."""
    if not isinstance(text, str):
        raise _fail("The answer must be text.", "답은 글자로 입력해야 합니다.")
    if len(text) > MAX_CHARS:
        raise _fail(
            f"That answer is too long (at most {MAX_CHARS} characters).",
            f"답이 너무 깁니다(최대 {MAX_CHARS}자).",
        )
    text = "".join(_normalise_char(ch) for ch in text).strip()
    _check_characters(text)
    node = _Parser(_tokenize(text), declare(symbols)).parse()
    _power_weight(node)
    return node


def evaluate(node: tuple, values: dict[str, float]) -> float:
    """The value of ``node`` in floating point with ``values`` for its symbols.

    Raises ``ArithmeticError`` (division by zero, overflow) or ``ValueError`` (sqrt or log of a
    negative number, a complex result) where the value does not exist as a real float.
    """
    kind = node[0]
    if kind == "num":
        return float(node[1])
    if kind == "sym":
        return float(values[node[1]])
    if kind == "pi":
        return math.pi
    if kind == "e":
        return math.e
    if kind == "neg":
        return -evaluate(node[1], values)
    if kind == "call":
        arg = evaluate(node[2], values)
        return _FLOAT_FUNCTIONS[node[1]](arg)
    a = evaluate(node[1], values)
    b = evaluate(node[2], values)
    if kind == "add":
        result = a + b
    elif kind == "sub":
        result = a - b
    elif kind == "mul":
        result = a * b
    elif kind == "div":
        result = a / b
    elif kind == "pow":
        result = math.pow(a, b)  # raises ValueError for a complex result, OverflowError when too big
    else:
        raise ValueError(f"unknown node {kind!r}")
    if math.isinf(result) or math.isnan(result):
        raise OverflowError("result is not a finite number")
    return result


_FLOAT_FUNCTIONS = {"sqrt": math.sqrt, "exp": math.exp, "log": math.log, "abs": abs, "cos": math.cos}


def parse_number(text: str) -> float:
    """Read a numeric answer ("0.0123", "1.23e-2", "-0.5", "0.1*0.9", "2^-3") as a finite float."""
    node = parse(text, ())
    try:
        value = evaluate(node, {})
    except ZeroDivisionError:
        raise _fail("That divides by zero.", "0으로 나누고 있습니다.") from None
    except (ArithmeticError, ValueError):
        raise _fail(
            "That number cannot be computed (too large, or the square root or log of a negative number).",
            "계산할 수 없는 값입니다(너무 크거나, 음수의 제곱근·로그입니다).",
        ) from None
    return value


def exact_number(literal: str) -> Fraction:
    """A number token's exact value (``"0.5"`` → 1/2, ``"1e-7"`` → 1/10000000)."""
    return Fraction(literal)


_PRECEDENCE = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pow": 4}
_DISPLAY_NAMES = {v: k for k, v in GREEK.items() if k not in ("ϵ", "µ")}


def to_text(node: tuple) -> str:
    """A readable Unicode rendering of a tree, to show the learner how their answer was read."""
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "sym":
        name = node[1]
        stem = name.rstrip("0123456789")
        return _DISPLAY_NAMES.get(stem, stem) + name[len(stem):]
    if kind in ("pi", "e"):
        return "π" if kind == "pi" else "e"
    if kind == "call":
        if node[1] == "sqrt" and node[2][0] in ("num", "sym", "pi"):
            return "√" + to_text(node[2])
        return f"{'√' if node[1] == 'sqrt' else node[1]}({to_text(node[2])})"
    if kind == "neg":
        return "−" + _wrap(node[1], 3, strict=True)
    mine = _PRECEDENCE[kind]
    if kind == "pow":
        return f"{_wrap(node[1], mine, strict=True)}^{_wrap(node[2], mine, strict=False)}"
    symbol = {"add": " + ", "sub": " − ", "mul": "·", "div": "/"}[kind]
    # The right operand of − and / needs parentheses at equal precedence; a negative one always does.
    right = to_text(node[2])
    if node[2][0] == "neg":
        right = f"({right})"
    else:
        right = _wrap(node[2], mine, strict=kind in ("sub", "div"))
    return _wrap(node[1], mine, strict=False) + symbol + right


def _wrap(node: tuple, outer: int, *, strict: bool) -> str:
    inner = _PRECEDENCE.get(node[0], 5)
    text = to_text(node)
    if inner < outer or (strict and inner == outer):
        return f"({text})"
    return text
