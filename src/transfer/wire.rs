//! The worker's messages on the wire: postcard for the fields, and every block of bytes (a
//! file, a line table) out of band, so the page's glue can hand each over as one `Uint8Array`
//! and a block is never copied twice in wasm memory.

use std::cell::RefCell;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Where [`encode`] puts each block: it gets the block's bytes, in the order they are written.
pub type BlockSink = Box<dyn FnMut(&[u8])>;

/// Where [`decode`] finds each block: block `n` of the message, once, or `None` if it has none.
pub type BlockSource = Box<dyn FnMut(u32) -> Option<Vec<u8>>>;

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
    let message = postcard::from_bytes(bytes).map_err(|error| format!("a broken message from the parse worker ({error})"));
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

/// Reads a block written by [`serialize_block`].
pub(super) fn deserialize_block<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    let reading = BLOCKS.with(|blocks| matches!(&*blocks.borrow(), Some(Blocks::Reading(_))));
    if !reading {
        return deserializer.deserialize_byte_buf(InLineBytes);
    }
    let number = u32::deserialize(deserializer)?;
    let block = BLOCKS.with(|blocks| match &mut *blocks.borrow_mut() {
        Some(Blocks::Reading(source)) => source(number),
        _ => None,
    });
    block.ok_or_else(|| serde::de::Error::custom("a block the message names is missing"))
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
