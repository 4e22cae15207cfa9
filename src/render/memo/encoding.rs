//! A serde serializer that feeds a value straight into an XXH3 hasher.
//!
//! Fingerprinting every page's data on each rebuild is on a session's hot
//! path; formatting that data as JSON first (escaping strings, printing
//! floats in decimal) cost more than the hashing. This writes each value
//! as a tag byte and its raw bytes instead: an encoding in which no two
//! different values share a byte string (strings carry their length,
//! sequences and maps an end mark), so equal digests still mean equal data.
//!
//! It says it is not human readable, so a value can serialise a compact
//! stand-in for itself here (a chart its inputs instead of its drawing; see
//! `views::LazyChart`).

use serde::ser::{self, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// Why a value could not be fingerprinted: only a `Serialize` impl of its
/// own can fail, and none of the views' does.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// Feeds one value into the hasher.
pub struct Digest<'a>(pub &'a mut Xxh3);

/// What kind of value comes next; every value starts with one.
#[repr(u8)]
#[derive(Clone, Copy)]
enum Tag {
    Bool = 1,
    Int,
    Uint,
    Float,
    Char,
    Str,
    Bytes,
    None,
    Some,
    Unit,
    Variant,
    Seq,
    Map,
    Struct,
    Field,
    End,
}

impl Digest<'_> {
    fn tag(&mut self, tag: Tag) {
        self.0.update(&[tag as u8]);
    }
    fn len(&mut self, len: usize) {
        self.0.update(&(len as u64).to_le_bytes());
    }
    fn text(&mut self, bytes: &[u8]) {
        self.len(bytes.len());
        self.0.update(bytes);
    }
    fn variant(&mut self, index: u32) {
        self.tag(Tag::Variant);
        self.0.update(&index.to_le_bytes());
    }
    fn reborrow(&mut self) -> Digest<'_> {
        Digest(self.0)
    }
}

macro_rules! integers {
    ($($method:ident: $ty:ty => $tag:ident as $wide:ty),* $(,)?) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.tag(Tag::$tag);
            self.0.update(&<$wide>::from(v).to_le_bytes());
            Ok(())
        }
    )*};
}

impl ser::Serializer for &mut Digest<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.tag(Tag::Bool);
        self.0.update(&[u8::from(v)]);
        Ok(())
    }

    integers! {
        serialize_i8: i8 => Int as i128,
        serialize_i16: i16 => Int as i128,
        serialize_i32: i32 => Int as i128,
        serialize_i64: i64 => Int as i128,
        serialize_i128: i128 => Int as i128,
        serialize_u8: u8 => Uint as u128,
        serialize_u16: u16 => Uint as u128,
        serialize_u32: u32 => Uint as u128,
        serialize_u64: u64 => Uint as u128,
        serialize_u128: u128 => Uint as u128,
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.tag(Tag::Float);
        self.0.update(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.tag(Tag::Char);
        self.0.update(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.tag(Tag::Str);
        self.text(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.tag(Tag::Bytes);
        self.text(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.tag(Tag::None);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.tag(Tag::Some);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.tag(Tag::Unit);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, index: u32, _variant: &'static str) -> Result<(), Error> {
        self.variant(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(index);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        self.tag(Tag::Seq);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Self, Error> {
        self.variant(index);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Error> {
        self.tag(Tag::Map);
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        self.tag(Tag::Struct);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Self, Error> {
        self.variant(index);
        self.serialize_struct("", len)
    }
}

impl ser::SerializeSeq for &mut Digest<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut self.reborrow())
    }
    fn end(self) -> Result<(), Error> {
        self.tag(Tag::End);
        Ok(())
    }
}

/// Tuples of every kind are sequences here.
macro_rules! like_a_sequence {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for &mut Digest<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Result<(), Error> {
                ser::SerializeSeq::end(self)
            }
        }
    )*};
}

like_a_sequence!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Digest<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        key.serialize(&mut self.reborrow())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut self.reborrow())
    }
    fn end(self) -> Result<(), Error> {
        self.tag(Tag::End);
        Ok(())
    }
}

/// A struct's fields go in by name: a field left out
/// (`skip_serializing_if`) cannot be mistaken for another.
impl ser::SerializeStruct for &mut Digest<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.tag(Tag::Field);
        self.text(key.as_bytes());
        value.serialize(&mut self.reborrow())
    }
    fn end(self) -> Result<(), Error> {
        self.tag(Tag::End);
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Digest<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeStruct::end(self)
    }
}
