import BinanceMargin

extension DepthBook {
    /// Up to `limit` levels of the makers on `side`, best first, each the total of the synthetic liquidity and
    /// the user's resting orders (their unfilled quantity) at that price.
    func levels(_ side: Side, limit: Int, orders: OrderIndex) -> [PriceLevel] {
        var cursor = MakerCursor(self, side: side)
        var result: [PriceLevel] = []
        while let maker = cursor.next() {
            let quantity: Number
            switch maker {
            case .synthetic(_, let q): quantity = q
            case .order(let entry): quantity = (try? orders[entry.position].remaining) ?? .zero
            }
            if let last = result.last, last.price == maker.price {
                result[result.count - 1].quantity = (try? last.quantity + quantity) ?? last.quantity
            } else {
                if result.count == limit { break }
                result.append(PriceLevel(price: maker.price, quantity: quantity))
            }
        }
        return result
    }
}
