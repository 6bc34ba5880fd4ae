//! The keys a serde struct accepts, read from the struct itself, for "did you mean"
//! suggestions and the lists of allowed keys in messages. serde's derive hands a struct's
//! field names (as written in the file: renames applied, skipped fields left out) to
//! `Deserializer::deserialize_struct`; a deserializer that only records them reads the list
//! without any input, so it can never drift from the struct.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;

/// The keys of `T`, in the order its fields are declared; empty when `T` is not read as a
/// struct.
pub fn of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    match T::deserialize(Recorder) {
        Err(Recorded::Fields(fields)) => fields,
        _ => &[],
    }
}

/// The keys of several structs (a file and the tables nested in it), in order, each once.
pub fn merged(lists: &[&'static [&'static str]]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for key in lists.iter().flat_map(|l| l.iter()) {
        if !out.contains(key) {
            out.push(key);
        }
    }
    out
}

/// A deserializer that records a struct's field names and reads nothing.
struct Recorder;

/// How [`Recorder`] ends: with the field names, or without (not a struct).
#[derive(Debug)]
enum Recorded {
    Fields(&'static [&'static str]),
    NotAStruct,
}

impl fmt::Display for Recorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recorded::Fields(fields) => write!(f, "fields {fields:?}"),
            Recorded::NotAStruct => f.write_str("not a struct"),
        }
    }
}

impl std::error::Error for Recorded {}

impl de::Error for Recorded {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Recorded::NotAStruct
    }
}

impl<'de> Deserializer<'de> for Recorder {
    type Error = Recorded;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Recorded> {
        Err(Recorded::NotAStruct)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Recorded> {
        Err(Recorded::Fields(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Example {
        title: String,
        #[serde(rename = "type")]
        kind: String,
        #[serde(skip)]
        internal: u8,
        weight: Option<i64>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Nested {
        title: String,
        terms: Vec<String>,
    }

    #[test]
    fn keys_are_read_from_the_struct_as_written_in_files() {
        assert_eq!(of::<Example>(), ["title", "type", "weight"]);
        assert!(of::<String>().is_empty());
        assert_eq!(
            merged(&[of::<Example>(), of::<Nested>()]),
            ["title", "type", "weight", "terms"]
        );
    }
}
