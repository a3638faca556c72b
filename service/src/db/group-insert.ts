import {
  MongoBulkWriteError,
  type WriteError,
  type Collection,
  type Document,
  type OptionalUnlessRequiredId,
} from 'mongodb';

interface Waiting<T> {
  doc: OptionalUnlessRequiredId<T>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for inserts: while one insertMany is in flight, new documents wait and go
 * together in the next. An idle writer sends at once (no added latency); a busy one turns
 * hundreds of single inserts into a few batches, which matters on servers where each write
 * is a transaction (FerretDB on SQLite manages a few hundred single inserts a second, and
 * thousands of documents a second in batches). Each caller's promise settles only when its
 * own document is written, so nothing is acknowledged before it is stored.
 */
export class GroupInsert<T extends Document> {
  private readonly collection: Collection<T>;
  private readonly maxBatch: number;
  private waiting: Waiting<T>[] = [];
  private flushing = false;

  constructor(collection: Collection<T>, maxBatch = 200) {
    this.collection = collection;
    this.maxBatch = maxBatch;
  }

  /** Inserts one document; resolves once it is written. */
  insert(doc: OptionalUnlessRequiredId<T>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ doc, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      await this.write(batch);
    }
    this.flushing = false;
  }

  private async write(batch: Waiting<T>[]): Promise<void> {
    try {
      await this.collection.insertMany(
        batch.map((item) => item.doc),
        { ordered: false },
      );
      for (const item of batch) item.resolve();
    } catch (error) {
      // Unordered: only the documents named in writeErrors failed; the rest are stored.
      const failed = new Map<number, unknown>();
      if (error instanceof MongoBulkWriteError) {
        const writeErrors: WriteError[] = [error.writeErrors].flat();
        for (const writeError of writeErrors) failed.set(writeError.index, error);
      }
      batch.forEach((item, index) => {
        if (failed.size === 0 || failed.has(index)) item.reject(failed.get(index) ?? error);
        else item.resolve();
      });
    }
  }
}
