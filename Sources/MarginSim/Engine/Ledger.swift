import BinanceMargin

/// One asset's position in one account: spendable, locked by open orders, borrowed, and unpaid interest.
struct Balance: Codable, Sendable, Hashable {
    var free: Number = .zero
    var locked: Number = .zero
    var borrowed: Number = .zero
    var interest: Number = .zero

    /// free + locked.
    var total: Number { get throws(NumberError) { try free + locked } }
    /// borrowed + interest.
    var liability: Number { get throws(NumberError) { try borrowed + interest } }
    /// free + locked − borrowed − interest (Binance's `netAsset`).
    var net: Number { get throws(NumberError) { try total - liability } }
    var isEmpty: Bool { free.isZero && locked.isZero && borrowed.isZero && interest.isZero }
}

/// Which wallet an operation touches: the spot wallet, the cross margin account or one isolated pair.
enum AccountRef: Hashable, Sendable, Codable, CustomStringConvertible {
    case spot
    case cross
    case isolated(String)

    /// The isolated symbol, if any.
    var isolatedSymbol: String? {
        if case .isolated(let symbol) = self { return symbol }
        return nil
    }
    var isMargin: Bool { self != .spot }

    var description: String {
        switch self {
        case .spot: return "SPOT"
        case .cross: return "CROSS_MARGIN"
        case .isolated(let symbol): return "ISOLATED_MARGIN:\(symbol)"
        }
    }

    /// The margin account an order or loan addresses (`isIsolated` + `symbol`).
    static func margin(isolated: Bool, symbol: String?) -> AccountRef {
        isolated ? .isolated(symbol ?? "") : .cross
    }
}

/// The balances of one account, by asset.
struct Wallet: Codable, Sendable, Hashable {
    var balances: [String: Balance] = [:]

    subscript(asset: String) -> Balance {
        get { balances[asset] ?? Balance() }
        set { balances[asset] = newValue.isEmpty ? nil : newValue }
    }

    /// Assets with any balance, in name order.
    var assets: [String] { balances.keys.sorted() }
}

extension Exchange {
    /// The cross account, then every isolated account by symbol (the order hourly interest and liquidation checks run in).
    var marginAccounts: [AccountRef] { [.cross] + isolated.keys.sorted().map { .isolated($0) } }

    /// The wallet of `account` (an isolated pair that was never created reads as empty).
    func wallet(_ account: AccountRef) -> Wallet {
        switch account {
        case .spot: return spot
        case .cross: return cross
        case .isolated(let symbol): return isolated[symbol] ?? Wallet()
        }
    }

    /// Reads or writes one asset's balance in one account.
    subscript(account: AccountRef, asset: String) -> Balance {
        get { wallet(account)[asset] }
        set {
            switch account {
            case .spot: spot[asset] = newValue
            case .cross: cross[asset] = newValue
            case .isolated(let symbol): isolated[symbol, default: Wallet()][asset] = newValue
            }
        }
    }

    /// Whether the isolated account for `symbol` exists.
    func isolatedExists(_ symbol: String) -> Bool { isolated[symbol] != nil }

    /// Throws -11001 unless `account` is cross/spot or an existing isolated pair.
    func requireAccount(_ account: AccountRef) throws(ExchangeError) {
        if case .isolated(let symbol) = account {
            guard Catalog.symbols[symbol] != nil else { throw .invalidSymbol }
            guard isolatedExists(symbol) else { throw .isolatedAccountMissing }
        }
    }

    /// Creates the isolated account for `symbol` if it does not exist.
    mutating func openIsolated(_ symbol: String) {
        if isolated[symbol] == nil { isolated[symbol] = Wallet() }
    }

    /// Adds `amount` (may be negative) to the free balance; callers make sure a debit does not take
    /// the balance below zero (and reject with -2010 themselves). Changes nothing when it throws.
    mutating func credit(_ account: AccountRef, _ asset: String, _ amount: Number) throws(ExchangeError) {
        let free = try checked { try self[account, asset].free + amount }
        self[account, asset].free = free
    }

    /// Moves `amount` from free to locked; changes nothing when it throws.
    mutating func lock(_ account: AccountRef, _ asset: String, _ amount: Number) throws(ExchangeError) {
        var balance = self[account, asset]
        (balance.free, balance.locked) = try checked { (try balance.free - amount, try balance.locked + amount) }
        self[account, asset] = balance
    }

    /// Moves `amount` from locked back to free; changes nothing when it throws.
    mutating func unlock(_ account: AccountRef, _ asset: String, _ amount: Number) throws(ExchangeError) {
        var balance = self[account, asset]
        let release = Number.min(amount, balance.locked)
        (balance.locked, balance.free) = try checked { (try balance.locked - release, try balance.free + release) }
        self[account, asset] = balance
    }

    /// The assets an account may hold: any for spot and cross, the pair's two for isolated.
    func assetsAllowed(in account: AccountRef) -> [String] {
        if case .isolated(let symbol) = account, let info = Catalog.symbols[symbol] { return [info.base, info.quote] }
        return Catalog.assetOrder
    }
}
