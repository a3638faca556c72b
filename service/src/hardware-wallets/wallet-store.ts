import { MongoServerError, type Collection, type Db } from 'mongodb';

import type { HardwareWalletType } from './device-types.js';

/** A hardware wallet registered to an account. */
export interface HardwareWallet {
  id: string;
  accountId: string;
  deviceType: HardwareWalletType;
  address: string;
  label: string;
  registeredAt: Date;
  lastVerifiedAt: Date | null;
}

interface WalletDocument extends Omit<HardwareWallet, 'id'> {
  _id: string;
}

/** Thrown when an address is already registered as a hardware wallet, by anyone. */
export class WalletAlreadyRegistered extends Error {
  constructor() {
    super('This address is already registered as a hardware wallet');
  }
}

const DUPLICATE_KEY = 11000;

function toWallet({ _id, ...rest }: WalletDocument): HardwareWallet {
  return { id: _id, ...rest };
}

/**
 * Registered hardware wallets in MongoDB. An address belongs to at most one account; the
 * unique index enforces it, since the test server has no transactions to lean on.
 */
export class WalletStore {
  readonly #wallets: Collection<WalletDocument>;

  constructor(db: Db) {
    this.#wallets = db.collection<WalletDocument>('hardware_wallets');
  }

  /** Creates the indexes; safe to run on every start. */
  async ensureIndexes(): Promise<void> {
    await this.#wallets.createIndex({ address: 1 }, { unique: true });
    await this.#wallets.createIndex({ accountId: 1, registeredAt: 1 });
  }

  /** Stores a new wallet, or throws WalletAlreadyRegistered when its address is taken. */
  async insert(wallet: HardwareWallet): Promise<void> {
    const { id, ...rest } = wallet;
    try {
      await this.#wallets.insertOne({ _id: id, ...rest });
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
        throw new WalletAlreadyRegistered();
      }
      throw error;
    }
  }

  /** The wallet registered under this address, if any. */
  async findByAddress(address: string): Promise<HardwareWallet | undefined> {
    const document = await this.#wallets.findOne({ address });
    return document ? toWallet(document) : undefined;
  }

  /** One account's wallet by id; undefined when it does not exist or is someone else's. */
  async findOwned(accountId: string, id: string): Promise<HardwareWallet | undefined> {
    const document = await this.#wallets.findOne({ _id: id, accountId });
    return document ? toWallet(document) : undefined;
  }

  /** Every wallet of one account, oldest first. */
  async listOwned(accountId: string): Promise<HardwareWallet[]> {
    const documents = await this.#wallets
      .find({ accountId })
      .sort({ registeredAt: 1, _id: 1 })
      .toArray();
    return documents.map(toWallet);
  }

  /** Records a successful verification time. */
  async touchVerified(id: string, at: Date): Promise<void> {
    await this.#wallets.updateOne({ _id: id }, { $set: { lastVerifiedAt: at } });
  }
}
