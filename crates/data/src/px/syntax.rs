//! Text to keywords: the grammar `KEYWORD[lang]("param",…)=value;` and the DATA tokens.
//!
//! Nothing here knows what a keyword means; [`super::model`] does that. A syntax error is
//! reported and reading goes on after the next `;`, so one pass finds every error.

use super::PxError;

/// A 1-based line and character column in the decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn error(self, message: impl Into<String>, help: impl Into<String>) -> PxError {
        PxError {
            line: self.line,
            column: self.column,
            message: message.into(),
            help: help.into(),
        }
    }
}

/// One keyword as written: `NAME[language]("param",…)=value;`.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// The keyword, in capitals (`TITLE`, `VALUES`, `LAST-UPDATED`, …).
    pub name: String,
    /// The language in brackets (`TITLE[sv]`), if any, as written.
    pub language: Option<String>,
    /// The quoted parameters in parentheses (`VALUES("region")`), in order.
    pub params: Vec<Item>,
    /// The value after `=`.
    pub value: KeywordValue,
    /// 1-based line of the keyword's first character.
    pub line: usize,
    /// 1-based character column of the keyword's first character.
    pub column: usize,
}

impl Keyword {
    /// The value when it is exactly one text or word (`TITLE="…"`, `DECIMALS=2`).
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            KeywordValue::List(items) if items.len() == 1 => Some(&items[0].text),
            _ => None,
        }
    }

    pub(super) fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    /// Where the value starts (its first item), else the keyword.
    pub(super) fn value_position(&self) -> Position {
        match &self.value {
            KeywordValue::List(items) => items.first().map(Item::position),
            KeywordValue::TimeList { scale, .. } => Some(scale.position()),
        }
        .unwrap_or(self.position())
    }
}

/// A keyword's value.
#[derive(Debug, Clone, PartialEq)]
pub enum KeywordValue {
    /// Items separated by commas: quoted texts (the pieces of a text continued over lines
    /// already joined) and bare words (`YES`, `2`). Empty for `KEYWORD=;`.
    List(Vec<Item>),
    /// `TLIST(A1)` followed by a list of periods, or `TLIST(A1,"1997"-"2005")`.
    TimeList {
        /// The time scale as written (`A1`, `H1`, `Q1`, `M1`, `W1`).
        scale: Item,
        /// The first and last period of a range.
        range: Option<(Item, Item)>,
        /// The periods listed after `TLIST(…),`.
        periods: Vec<Item>,
    },
}

/// One quoted text or bare word, with where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The text without quotes; a text continued over lines (`"ab"` `"c"`) is one item `abc`.
    pub text: String,
    /// Whether it was written in double quotes.
    pub quoted: bool,
    /// 1-based line of its first character (the opening quote).
    pub line: usize,
    /// 1-based character column of its first character.
    pub column: usize,
}

impl Item {
    pub(super) fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

/// The file read into keywords, and the DATA part as tokens.
pub(super) struct Syntax {
    pub keywords: Vec<Keyword>,
    pub data: Option<DataPart>,
    /// The position just after the last character.
    pub end: Position,
}

/// The tokens after `DATA=`.
pub(super) struct DataPart {
    /// Where `DATA` is written.
    pub keyword: Position,
    pub tokens: Vec<Token>,
    /// The closing `;`, or the end of the file when it is missing.
    pub end: Position,
}

/// One DATA cell as written: a byte range of the text.
pub(super) struct Token {
    /// Byte range of the cell's text, without quotes.
    pub start: usize,
    pub end: usize,
    pub quoted: bool,
    pub at: Position,
}

#[derive(Clone)]
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            text,
            pos: 0,
            line: 1,
            column: 1,
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        match c {
            '\n' => self.new_line(),
            // CRLF is one line break, counted at its LF; a lone CR is a line break of its own.
            '\r' if self.peek() != Some('\n') => self.new_line(),
            '\r' => {}
            _ => self.column += 1,
        }
        Some(c)
    }

    fn new_line(&mut self) {
        self.line += 1;
        self.column = 1;
    }

    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn starts_with_ignore_case(&self, word: &str) -> bool {
        self.text
            .get(self.pos..self.pos + word.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(word))
    }

    /// Moves past the next `;` that is not inside a quoted text (quotes end at line ends).
    fn skip_statement(&mut self) {
        let mut quoted = false;
        while let Some(c) = self.bump() {
            match c {
                '"' => quoted = !quoted,
                '\n' | '\r' => quoted = false,
                ';' if !quoted => break,
                _ => {}
            }
        }
    }
}

/// What to do after a syntax error.
enum Resume {
    /// Read on from where the error was found (it is the start of the next keyword).
    Here,
    /// Skip past the end of the broken keyword.
    AfterSemicolon,
}

struct SyntaxError {
    error: PxError,
    resume: Resume,
}

impl From<PxError> for SyntaxError {
    fn from(error: PxError) -> Self {
        SyntaxError {
            error,
            resume: Resume::AfterSemicolon,
        }
    }
}

enum Statement {
    Keyword(Box<Keyword>),
    /// `DATA=` was read; the cells follow.
    Data(Position),
}

fn is_keyword_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

const KEYWORD_HELP: &str =
    "Each entry in a PX file is KEYWORD=value; (for example TITLE=\"Population\";), \
     with text in double quotes and a ; at the end";

/// Reads the keywords and the DATA tokens, pushing every syntax error found.
pub(super) fn read(text: &str, errors: &mut Vec<PxError>) -> Syntax {
    let mut cursor = Cursor::new(text);
    let mut keywords = Vec::new();
    loop {
        cursor.skip_whitespace();
        if cursor.peek().is_none() {
            break;
        }
        let start = cursor.pos;
        match statement(&mut cursor) {
            Ok(Statement::Keyword(keyword)) => keywords.push(*keyword),
            Ok(Statement::Data(at)) => {
                let data = data_part(&mut cursor, at, errors);
                return Syntax {
                    keywords,
                    data: Some(data),
                    end: cursor.position(),
                };
            }
            Err(e) => {
                errors.push(e.error);
                match e.resume {
                    Resume::Here => {}
                    Resume::AfterSemicolon => cursor.skip_statement(),
                }
                if cursor.pos == start {
                    cursor.bump();
                }
            }
        }
    }
    Syntax {
        keywords,
        data: None,
        end: cursor.position(),
    }
}

fn statement(c: &mut Cursor) -> Result<Statement, SyntaxError> {
    let at = c.position();
    let start = c.pos;
    while c.peek().is_some_and(is_keyword_char) {
        c.bump();
    }
    if c.pos == start {
        let found = c.peek().map(describe).unwrap_or_default();
        return Err(at
            .error(format!("expected a keyword, found {found}"), KEYWORD_HELP)
            .into());
    }
    let name = c.text[start..c.pos].to_ascii_uppercase();
    c.skip_whitespace();
    let language = if c.peek() == Some('[') {
        Some(language(c, &name)?)
    } else {
        None
    };
    c.skip_whitespace();
    let params = if c.peek() == Some('(') {
        params(c, &name)?
    } else {
        Vec::new()
    };
    c.skip_whitespace();
    if !c.eat('=') {
        let found = c
            .peek()
            .map(describe)
            .unwrap_or("the end of the file".into());
        return Err(c
            .position()
            .error(
                format!("expected = after {name}, found {found}"),
                KEYWORD_HELP,
            )
            .into());
    }
    if name == "DATA" && language.is_none() && params.is_empty() {
        return Ok(Statement::Data(at));
    }
    let value = value(c, &name)?;
    Ok(Statement::Keyword(Box::new(Keyword {
        name,
        language,
        params,
        value,
        line: at.line,
        column: at.column,
    })))
}

/// How a character is named in an error message.
fn describe(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("the character U+{:04X}", c as u32)
    } else {
        format!("\"{c}\"")
    }
}

fn language(c: &mut Cursor, name: &str) -> Result<String, SyntaxError> {
    let at = c.position();
    c.bump();
    let start = c.pos;
    while let Some(ch) = c.peek() {
        if ch == ']' {
            let lang = c.text[start..c.pos].trim().to_string();
            c.bump();
            if lang.is_empty() {
                break;
            }
            return Ok(lang);
        }
        if !(ch.is_alphanumeric() || ch == '-' || ch == '_') {
            break;
        }
        c.bump();
    }
    Err(at
        .error(
            format!("the language after {name} is not a language code closed with ]"),
            format!("Write the language as a code in brackets, as in {name}[en]=…;"),
        )
        .into())
}

fn params(c: &mut Cursor, name: &str) -> Result<Vec<Item>, SyntaxError> {
    c.bump();
    let mut params = Vec::new();
    loop {
        c.skip_whitespace();
        if c.peek() != Some('"') {
            return Err(c
                .position()
                .error(
                    format!("expected a name in double quotes in {name}(…)"),
                    format!(
                        "Names in parentheses are quoted and separated by commas, as in \
                         {name}(\"region\") or VALUENOTE(\"region\",\"Oslo\")"
                    ),
                )
                .into());
        }
        params.push(string(c)?);
        c.skip_whitespace();
        match c.peek() {
            Some(',') => {
                c.bump();
            }
            Some(')') => {
                c.bump();
                return Ok(params);
            }
            _ => {
                return Err(c
                    .position()
                    .error(
                        format!("expected , or ) after a name in {name}(…)"),
                        "Close the names in parentheses with )".to_string(),
                    )
                    .into())
            }
        }
    }
}

/// A quoted text, with the texts juxtaposed after it (`"ab"` `"c"` is `abc`).
fn string(c: &mut Cursor) -> Result<Item, SyntaxError> {
    let at = c.position();
    let mut text = String::new();
    loop {
        c.bump();
        let start = c.pos;
        loop {
            match c.peek() {
                Some('"') => break,
                None | Some('\n') | Some('\r') => {
                    return Err(at
                        .error(
                            "this text has no closing double quote on its line",
                            "A text in a PX file ends on the line it starts on: close it with \" \
                             and go on with a new \"…\" on the next line",
                        )
                        .into())
                }
                Some(_) => {
                    c.bump();
                }
            }
        }
        text.push_str(&c.text[start..c.pos]);
        c.bump();
        let after = c.clone();
        c.skip_whitespace();
        if c.peek() != Some('"') {
            *c = after;
            break;
        }
    }
    Ok(Item {
        text,
        quoted: true,
        line: at.line,
        column: at.column,
    })
}

fn value(c: &mut Cursor, name: &str) -> Result<KeywordValue, SyntaxError> {
    c.skip_whitespace();
    if c.starts_with_ignore_case("TLIST") {
        let mut ahead = c.clone();
        for _ in 0.."TLIST".len() {
            ahead.bump();
        }
        ahead.skip_whitespace();
        if ahead.peek() == Some('(') {
            *c = ahead;
            return time_list(c, name);
        }
    }
    if c.eat(';') {
        return Ok(KeywordValue::List(Vec::new()));
    }
    items(c, name).map(KeywordValue::List)
}

/// `item (, item)* ;`
fn items(c: &mut Cursor, name: &str) -> Result<Vec<Item>, SyntaxError> {
    let mut items = Vec::new();
    loop {
        c.skip_whitespace();
        let at = c.position();
        match c.peek() {
            Some('"') => items.push(string(c)?),
            None | Some(',') | Some(';') => {
                return Err(at
                    .error(
                        format!("{name} has an empty item in its list"),
                        "Items are separated by single commas, as in \"a\",\"b\",\"c\";",
                    )
                    .into())
            }
            Some(_) => {
                let start = c.pos;
                while c
                    .peek()
                    .is_some_and(|ch| !ch.is_whitespace() && !matches!(ch, ',' | ';' | '"'))
                {
                    c.bump();
                }
                items.push(Item {
                    text: c.text[start..c.pos].to_string(),
                    quoted: false,
                    line: at.line,
                    column: at.column,
                });
            }
        }
        let item_end = c.position();
        c.skip_whitespace();
        match c.peek() {
            Some(',') => {
                c.bump();
            }
            Some(';') => {
                c.bump();
                return Ok(items);
            }
            next => {
                let error = item_end.error(
                    format!("{name} is not ended with ;"),
                    "End each keyword's value with ; (items of a list are separated by commas)",
                );
                // A keyword on a later line is most likely the next entry: read on from it.
                let resume = if next.is_some() && c.line > item_end.line {
                    Resume::Here
                } else {
                    Resume::AfterSemicolon
                };
                return Err(SyntaxError { error, resume });
            }
        }
    }
}

fn time_list(c: &mut Cursor, name: &str) -> Result<KeywordValue, SyntaxError> {
    let help = "A time list is TLIST(A1),\"2019\",\"2020\"; or TLIST(A1,\"2019\"-\"2020\"); \
                with A1, H1, Q1, M1 or W1";
    c.bump();
    c.skip_whitespace();
    let at = c.position();
    let start = c.pos;
    while c.peek().is_some_and(|ch| ch.is_ascii_alphanumeric()) {
        c.bump();
    }
    if c.pos == start {
        return Err(at
            .error(format!("{name} has TLIST( without a time scale"), help)
            .into());
    }
    let scale = Item {
        text: c.text[start..c.pos].to_string(),
        quoted: false,
        line: at.line,
        column: at.column,
    };
    c.skip_whitespace();
    let range = if c.eat(',') {
        c.skip_whitespace();
        if c.peek() != Some('"') {
            return Err(c
                .position()
                .error(
                    format!("{name} has a TLIST range without a quoted start"),
                    help,
                )
                .into());
        }
        let from = string(c)?;
        c.skip_whitespace();
        if !c.eat('-') {
            return Err(c
                .position()
                .error(
                    format!("{name} has a TLIST range without - between its ends"),
                    help,
                )
                .into());
        }
        c.skip_whitespace();
        if c.peek() != Some('"') {
            return Err(c
                .position()
                .error(
                    format!("{name} has a TLIST range without a quoted end"),
                    help,
                )
                .into());
        }
        let to = string(c)?;
        c.skip_whitespace();
        Some((from, to))
    } else {
        None
    };
    if !c.eat(')') {
        return Err(c
            .position()
            .error(
                format!("{name} has a TLIST( that is not closed with )"),
                help,
            )
            .into());
    }
    c.skip_whitespace();
    let periods = match c.peek() {
        Some(';') => {
            c.bump();
            Vec::new()
        }
        Some(',') => {
            c.bump();
            items(c, name)?
        }
        _ => {
            return Err(c
                .position()
                .error(format!("{name} is not ended with ;"), help)
                .into())
        }
    };
    Ok(KeywordValue::TimeList {
        scale,
        range,
        periods,
    })
}

/// Reads the DATA cells up to the end of the file. Cells are separated by whitespace,
/// commas or semicolons; the last `;` closes DATA.
fn data_part(c: &mut Cursor, keyword: Position, errors: &mut Vec<PxError>) -> DataPart {
    let mut tokens = Vec::new();
    let mut closing = None;
    loop {
        while let Some(ch) = c.peek() {
            if ch == ';' {
                closing = Some(c.position());
            } else if !(ch.is_whitespace() || ch == ',') {
                break;
            }
            c.bump();
        }
        let at = c.position();
        match c.peek() {
            None => break,
            Some('"') => {
                c.bump();
                let start = c.pos;
                while c.peek().is_some_and(|ch| !matches!(ch, '"' | '\n' | '\r')) {
                    c.bump();
                }
                if c.peek() == Some('"') {
                    tokens.push(Token {
                        start,
                        end: c.pos,
                        quoted: true,
                        at,
                    });
                    c.bump();
                } else {
                    errors.push(at.error(
                        "this data symbol has no closing double quote on its line",
                        "Write data symbols in double quotes, as in \"..\"",
                    ));
                }
            }
            Some(_) => {
                let start = c.pos;
                while c
                    .peek()
                    .is_some_and(|ch| !ch.is_whitespace() && !matches!(ch, ',' | ';' | '"'))
                {
                    c.bump();
                }
                let text = &c.text[start..c.pos];
                if looks_like_keyword(text) {
                    let name: String = text.chars().take_while(|&ch| is_keyword_char(ch)).collect();
                    errors.push(at.error(
                        format!("{name} comes after DATA"),
                        "DATA must be the last keyword of a PX file: move DATA=… and its \
                         numbers to the end",
                    ));
                    break;
                }
                tokens.push(Token {
                    start,
                    end: c.pos,
                    quoted: false,
                    at,
                });
            }
        }
        closing = None;
    }
    DataPart {
        keyword,
        tokens,
        end: closing.unwrap_or(c.position()),
    }
}

/// `NOTE=`, `VALUES(`, `TITLE[sv]`: a keyword where a data cell should be.
fn looks_like_keyword(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .find(|c: char| !is_keyword_char(c))
            .is_some_and(|i| matches!(text.as_bytes()[i], b'=' | b'(' | b'['))
}
