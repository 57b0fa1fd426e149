// A dropped folder's files read into one block: see web_folder.rs, which imports it (the
// entries API's callbacks weigh less here than as wasm-bindgen glue).
export function droppedFolder(transfer, maxBytes) {
  const entries = Array.from(transfer.items || [], (item) => item.webkitGetAsEntry && item.webkitGetAsEntry()).filter(Boolean);
  if (!entries.some((entry) => entry.isDirectory)) {
    return null;
  }
  const name = entries.length === 1 ? entries[0].name : `${entries.length} dropped items`;
  const prefix = entries.length === 1 ? `${name}/` : "";
  return [name, filesUnder(entries).then(async (files) => {
    const total = files.reduce((sum, [, file]) => sum + file.size, 0);
    if (total > maxBytes) {
      return [total];
    }
    const bytes = new Uint8Array(total);
    const lengths = [];
    let start = 0;
    for (const [path, file] of files) {
      const contents = new Uint8Array(await file.arrayBuffer());
      if (start + contents.length > total) {
        throw new Error(`${path} changed while it was read`);
      }
      bytes.set(contents, start);
      lengths.push(contents.length);
      start += contents.length;
    }
    const paths = files.map(([path]) => (path.startsWith(prefix) ? path.slice(prefix.length) : path));
    return [paths, lengths, bytes.subarray(0, start)];
  })];
}

// [path, File] under each entry. A reader hands out entries in batches until an empty one.
async function filesUnder(entries) {
  const pending = entries.map((entry) => [entry.name, entry]);
  const files = [];
  const unreadable = (path) => () => {
    throw new Error(`${path} could not be read`);
  };
  while (pending.length > 0) {
    const [path, entry] = pending.pop();
    if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((done, failed) => reader.readEntries(done, failed)).catch(unreadable(path));
        if (batch.length === 0) {
          break;
        }
        pending.push(...batch.map((child) => [`${path}/${child.name}`, child]));
      }
    } else {
      files.push([path, await new Promise((done, failed) => entry.file(done, failed)).catch(unreadable(path))]);
    }
  }
  return files;
}
