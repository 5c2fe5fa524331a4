//! The thin wasm-bindgen layer: the JavaScript API of the analyzer.
//!
//! Inputs are read through the CLI's own JSON parser (same rules, same messages); reports go
//! out as plain objects via serde-wasm-bindgen's JSON-compatible serializer; every error is a
//! JS `Error` with a one-line message. It never scores text itself and never touches the DOM.
//! A panic aborts the instance: js/analyzer-client.mjs re-instantiates it.
//!
//! ```js
//! const analyzer = new Analyzer({ disabledRules: [], sensitivity: 0, phrases: [] });
//! const handle = analyzer.thread({ title, messages: [{ author, text }], parent });
//! handle.score("reply text"); // keystroke path: the thread is not read again; no fixes
//! handle.fixes("reply text"); // the card opened: its one-click fixes (docs/fixes.md)
//! warmUp(0); warmUp(1); …       // optional: the one-time set-up in steps, one per task
//! ```

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{AnalyzedThread, Case, Config, Thread};

/// The analyzer behind every handle; shared so `setConfig` applies to existing handles.
type SharedAnalyzer = Rc<RefCell<crate::Analyzer>>;

/// What each input should look like, quoted in error messages.
const THREAD_SHAPE: &str = "{title?, messages: [{author, text}], parent?}";
const CASE_SHAPE: &str = "{site?, thread: {title?, messages: [{author, text}], parent?}, reply}";
const CONFIG_SHAPE: &str = "{disabledRules?: [string], sensitivity?: number, phrases?: [string]}";

/// One step of the analyzer's one-time set-up (`warmUp(0)`, `warmUp(1)`, … until it returns
/// false); each step is a few milliseconds, so a page can run one per task before the first
/// score instead of paying it all inside one.
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up(step: u32) -> bool {
    crate::rules::warm_up(step as usize)
}

/// A configured analyzer (`new Analyzer(config?)`).
#[wasm_bindgen(js_name = Analyzer)]
pub struct JsAnalyzer {
    shared: SharedAnalyzer,
}

/// A thread read once; `score(reply)` re-scores only the reply, `fixes(reply)` finds its fixes.
#[wasm_bindgen]
pub struct ThreadHandle {
    shared: SharedAnalyzer,
    thread: AnalyzedThread,
}

#[wasm_bindgen(js_class = Analyzer)]
impl JsAnalyzer {
    /// Builds an analyzer; `config` may be omitted. Throws an `Error` on an invalid config.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<JsAnalyzer, JsError> {
        let analyzer = crate::Analyzer::new(read_config(config)?).map_err(to_js_error)?;
        Ok(JsAnalyzer { shared: Rc::new(RefCell::new(analyzer)) })
    }

    /// Replaces the settings; existing thread handles use the new settings from their next score.
    #[wasm_bindgen(js_name = setConfig)]
    pub fn set_config(&self, config: JsValue) -> Result<(), JsError> {
        let config = read_config(config)?;
        self.shared.borrow_mut().set_config(config).map_err(to_js_error)
    }

    /// Reads a thread once and returns a handle to score replies against it.
    pub fn thread(&self, thread: JsValue) -> Result<ThreadHandle, JsError> {
        let thread: Thread = read_value("thread", THREAD_SHAPE, thread, crate::parse_thread)?;
        let analysed = self.shared.borrow().thread(&thread);
        Ok(ThreadHandle { shared: Rc::clone(&self.shared), thread: analysed })
    }

    /// One-shot: reads the case's thread and scores its reply.
    pub fn analyze(&self, case: JsValue) -> Result<JsValue, JsError> {
        let case: Case = read_value("case", CASE_SHAPE, case, crate::parse_case)?;
        let report = self.shared.borrow().analyze(&case);
        write_value(&report)
    }

    /// The rule catalogue: `[{id, category, kind, weight, message, suggestion?}]`.
    pub fn rules() -> Result<JsValue, JsError> {
        write_value(&crate::rules())
    }
}

#[wasm_bindgen]
impl ThreadHandle {
    /// Scores a reply against this thread (the keystroke path): the report with `fixes: []`,
    /// since computing fixes costs a score per candidate and is wanted only when the person
    /// opens the card. Throws if `reply` is not a string.
    pub fn score(&self, reply: JsValue) -> Result<JsValue, JsError> {
        let reply = reply_text(&reply)?;
        let report = self.shared.borrow().verdict(&self.thread, &reply);
        write_value(&report)
    }

    /// The one-click fixes of `reply` against this thread (what `score` leaves out, and what
    /// one-shot `analyze` reports): `[{id, label, rules, edits, after}]`, best first, `[]` for
    /// an `ok` reply. Throws if `reply` is not a string.
    pub fn fixes(&self, reply: JsValue) -> Result<JsValue, JsError> {
        let reply = reply_text(&reply)?;
        let analyzer = self.shared.borrow();
        let report = analyzer.verdict(&self.thread, &reply);
        write_value(&analyzer.fixes(&self.thread, &reply, &report))
    }
}

fn reply_text(reply: &JsValue) -> Result<String, JsError> {
    reply.as_string().ok_or_else(|| JsError::new(&format!("invalid reply: expected a string, got {}", js_type(reply))))
}

/// `undefined` and `null` mean the default settings.
fn read_config(config: JsValue) -> Result<Config, JsError> {
    if config.is_undefined() || config.is_null() {
        return Ok(Config::default());
    }
    read_value("config", CONFIG_SHAPE, config, crate::parse_config)
}

/// Reads an object through JSON text with the same parser as the CLI, so the WASM API
/// accepts and rejects exactly what the native one does (unknown fields included), with
/// the same messages. Threads and cases are read once, not per keystroke.
fn read_value<T>(
    what: &str,
    shape: &str,
    value: JsValue,
    parse: fn(&str) -> Result<T, crate::Error>,
) -> Result<T, JsError> {
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(JsError::new(&format!("invalid {what}: expected an object {shape}, got {}", js_type(&value))));
    }
    let json = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new(&format!("invalid {what}: not plain JSON data (a cycle, a BigInt or a function?)")))?;
    parse(&without_lone_surrogates(&json))
        .map_err(|e| JsError::new(&format!("{}; expected {shape}", without_position(&e.to_string()))))
}

/// Pages hold lone surrogates (an emoji cut in half); JSON.stringify escapes them as `\udXXX`,
/// which serde_json rejects. Replace each with `\ufffd`, as `JsValue::as_string` does for the
/// reply: still one UTF-16 unit, so offsets into the page's strings stay right. Paired
/// surrogates never appear as escapes in JSON.stringify output (they are written as-is).
fn without_lone_surrogates(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let is_surrogate_escape = |i: usize| {
        bytes.len() >= i + 6
            && bytes[i + 1] == b'u'
            && bytes[i + 2].eq_ignore_ascii_case(&b'd')
            && matches!(bytes[i + 3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f')
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        if is_surrogate_escape(i) {
            let buffer = out.get_or_insert_with(|| String::with_capacity(json.len()));
            buffer.push_str(&json[copied..i]);
            buffer.push_str("\\ufffd");
            i += 6;
            copied = i;
        } else {
            i += 2; // any other escape, including an escaped backslash
        }
    }
    match out {
        Some(mut buffer) => {
            buffer.push_str(&json[copied..]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(json),
    }
}

/// Drops serde_json's " at line 1 column 42": the JS caller never saw that JSON text.
fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    }
}

/// Serialises to plain JS objects and numbers (never `Map` or `BigInt`).
fn write_value<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not build the result: {e}")))
}

fn to_js_error(e: crate::Error) -> JsError {
    JsError::new(&e.to_string())
}

/// A short name for a JS value's type, for error messages.
fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_else(|| "an unknown value".into())
    }
}
