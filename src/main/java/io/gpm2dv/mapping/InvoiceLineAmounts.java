package io.gpm2dv.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a write-in invoice line sends so that Dataverse's computed amounts equal the source to the cent
 * (docs/mapping.md, "Invoice totals"). Dataverse computes {@code baseamount = priceperunit × quantity} rounded to the
 * currency's precision and holds {@code priceperunit} only to the organisation's pricing precision (2 by default); the
 * source rounds {@code line_total_excl_tax = round(qty × price, 2)} half away from zero with a 4-decimal price. So:
 * <ol>
 * <li>the source quantity and price (to the pricing precision) when their product rounds to the source's line total
 * under either midpoint rule (Dataverse's is unverified);</li>
 * <li>else the source quantity with the price {@code line_total / quantity} when that is exact at the pricing
 * precision;</li>
 * <li>else quantity 1 at the line total.</li>
 * </ol>
 * In cases 2 and 3 the source quantity and unit price are kept in the line's description and the line is reported.
 * {@code tax} is the source's {@code line_tax}, so {@code extendedamount = line_total_excl_tax + line_tax}.
 */
public record InvoiceLineAmounts(BigDecimal quantity, BigDecimal pricePerUnit, Kind kind) {
    public enum Kind { AS_IS, PRICE_ADJUSTED, FOLDED }

    /** Dataverse's default pricing decimal precision; the mapping may say the organisation keeps more (at most 4). */
    public static final int DEFAULT_PRICING_PRECISION = 2;
    private static final int CURRENCY_PRECISION = 2;

    public static InvoiceLineAmounts of(BigDecimal quantity, BigDecimal unitPrice, BigDecimal lineTotalExclTax,
            int pricingPrecision) {
        BigDecimal total = lineTotalExclTax.setScale(CURRENCY_PRECISION, RoundingMode.HALF_UP);
        BigDecimal price = unitPrice.setScale(pricingPrecision, RoundingMode.HALF_UP);
        BigDecimal product = price.multiply(quantity);
        if (product.setScale(CURRENCY_PRECISION, RoundingMode.HALF_UP).compareTo(total) == 0
                && product.setScale(CURRENCY_PRECISION, RoundingMode.HALF_EVEN).compareTo(total) == 0) {
            return new InvoiceLineAmounts(quantity, price, Kind.AS_IS);
        }
        if (quantity.signum() != 0) {
            try {
                BigDecimal exact = total.divide(quantity).setScale(pricingPrecision, RoundingMode.UNNECESSARY);
                return new InvoiceLineAmounts(quantity, exact, Kind.PRICE_ADJUSTED);
            } catch (ArithmeticException notExact) {
                // no price at the pricing precision gives the total for this quantity
            }
        }
        return new InvoiceLineAmounts(BigDecimal.ONE, total, Kind.FOLDED);
    }

    /** What the line's description adds when it does not carry the source quantity and price as they are. */
    public String sourceNote(BigDecimal sourceQuantity, BigDecimal sourceUnitPrice) {
        return kind == Kind.AS_IS ? "" : " (source: " + sourceQuantity.toPlainString() + " × " + sourceUnitPrice.toPlainString() + ")";
    }
}
