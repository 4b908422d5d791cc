/**
 * A regular expression matching exactly the decimal integers greater than `n` (leading zeros
 * allowed), for a firewall that can compare a header's text but not its number.
 */
export function greaterThanPattern(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`greaterThanPattern: ${n} is not a non-negative integer`);
  const digits = String(n);
  // A longer number, or one of the same length that first exceeds n at some digit.
  const alternatives = [`[1-9][0-9]{${digits.length},}`];
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[i]);
    if (digit === 9) continue;
    const rest = digits.length - i - 1;
    const head = i === 0 ? `[${Math.max(digit + 1, 1)}-9]` : `${digits.slice(0, i)}[${digit + 1}-9]`;
    alternatives.push(`${head}${rest > 0 ? `[0-9]{${rest}}` : ""}`);
  }
  return `^0*(${alternatives.join("|")})$`;
}
