//! The worker's messages on the wire: postcard for the fields, and every block of bytes (a
//! file, a line table) out of band, so the page's glue can hand each over as one `Uint8Array`
//! and a block is never copied twice in wasm memory.

use std::cell::RefCell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Where [`encode`] puts each block: it gets the block's bytes, in the order they are written.
pub type BlockSink = Box<dyn FnMut(&[u8])>;

/// Where [`decode`] finds each block: block `n` of the message, once, or `None` if it has none.
pub type BlockSource = Box<dyn FnMut(u32) -> Option<Received>>;

/// A block as it arrived (in the page, a `Uint8Array` outside wasm memory): its length, and how
/// to copy it into memory of that length. It is copied once, straight into the allocation that
/// keeps it: a log's text into its `Rc`, never into a `Vec` first (a second copy of 26 MB took
/// the page ~65 ms).
pub struct Received {
    len: usize,
    copy: CopyInto,
}

/// Writes a block's bytes into a slice as long as the block.
pub type CopyInto = Box<dyn FnOnce(&mut [u8])>;

impl Received {
    /// A block of `len` bytes that `copy` writes into a slice of that length.
    pub fn new(len: usize, copy: CopyInto) -> Received {
        Received { len, copy }
    }

    /// A block already in memory (tests, and anything not from a browser).
    pub fn of(bytes: Vec<u8>) -> Received {
        Received { len: bytes.len(), copy: Box::new(move |into: &mut [u8]| into.copy_from_slice(&bytes)) }
    }

    fn into_vec(self) -> Vec<u8> {
        let mut bytes = vec![0; self.len];
        (self.copy)(&mut bytes);
        bytes
    }

    fn into_shared(self) -> Rc<[u8]> {
        // One allocation of the right size (`repeat_n` is `TrustedLen`), filled by the copy.
        let mut bytes: Rc<[u8]> = std::iter::repeat_n(0, self.len).collect();
        if let Some(into) = Rc::get_mut(&mut bytes) {
            (self.copy)(into);
        }
        bytes
    }
}

enum Blocks {
    Writing { sink: BlockSink, written: u32 },
    Reading(BlockSource),
}

thread_local! {
    /// Set only while one message is encoded or decoded; elsewhere (JSON, a test) blocks are
    /// written in line as bytes.
    static BLOCKS: RefCell<Option<Blocks>> = const { RefCell::new(None) };
}

/// `message` as postcard bytes, each block handed to `sink` instead of copied into them.
pub fn encode<T: Serialize>(message: &T, sink: BlockSink) -> Vec<u8> {
    let previous = BLOCKS.with(|blocks| blocks.replace(Some(Blocks::Writing { sink, written: 0 })));
    // Writing into a Vec fails only on a type postcard cannot write, which none of ours is.
    let bytes = postcard::to_allocvec(message).unwrap_or_default();
    BLOCKS.with(|blocks| blocks.replace(previous));
    bytes
}

/// The message in `bytes`, its blocks taken from `source`. A malformed message is an error.
pub fn decode<T: DeserializeOwned>(bytes: &[u8], source: BlockSource) -> Result<T, String> {
    let previous = BLOCKS.with(|blocks| blocks.replace(Some(Blocks::Reading(source))));
    // Not postcard's own wording: its messages and their formatting would be linked into the page,
    // for a message that only a bug in the worker can send.
    let message = postcard::from_bytes(bytes).map_err(|_| "a broken message from the parse worker".to_owned());
    BLOCKS.with(|blocks| blocks.replace(previous));
    message
}

/// Writes `block` out of band when a message is being encoded (as its number), else in line.
pub(super) fn serialize_block<S: serde::Serializer>(block: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    let number = BLOCKS.with(|blocks| match &mut *blocks.borrow_mut() {
        Some(Blocks::Writing { sink, written }) => {
            sink(block);
            *written += 1;
            Some(*written - 1)
        }
        _ => None,
    });
    match number {
        Some(number) => serializer.serialize_u32(number),
        None => serializer.serialize_bytes(block),
    }
}

/// A block being read: out of band, or in line (JSON, a test).
enum Incoming {
    Block(Received),
    InLine(Vec<u8>),
}

fn incoming<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Incoming, D::Error> {
    let reading = BLOCKS.with(|blocks| matches!(&*blocks.borrow(), Some(Blocks::Reading(_))));
    if !reading {
        return deserializer.deserialize_byte_buf(InLineBytes).map(Incoming::InLine);
    }
    let number = u32::deserialize(deserializer)?;
    let block = BLOCKS.with(|blocks| match &mut *blocks.borrow_mut() {
        Some(Blocks::Reading(source)) => source(number),
        _ => None,
    });
    block.map(Incoming::Block).ok_or_else(|| serde::de::Error::custom("a block the message names is missing"))
}

/// Reads a block written by [`serialize_block`].
pub(super) fn deserialize_block<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    Ok(match incoming(deserializer)? {
        Incoming::Block(block) => block.into_vec(),
        Incoming::InLine(bytes) => bytes,
    })
}

/// Reads a block written by [`serialize_block`] straight into the `Rc` that keeps it.
pub(super) fn deserialize_shared_block<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Rc<[u8]>, D::Error> {
    Ok(match incoming(deserializer)? {
        Incoming::Block(block) => block.into_shared(),
        Incoming::InLine(bytes) => Rc::from(bytes),
    })
}

struct InLineBytes;

impl<'de> serde::de::Visitor<'de> for InLineBytes {
    type Value = Vec<u8>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("bytes")
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Vec<u8>, E> {
        Ok(bytes.to_vec())
    }

    fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<Vec<u8>, E> {
        Ok(bytes)
    }
}
