/**
 * Distances are whole miles, a non-negative safe integer. Contracts rate on whole miles (the mileage engines
 * lanes are priced with report them so), and an integer keeps `miles × cents per mile` exact. A vendor that
 * reports tenths is rounded to the nearest mile by its adapter, before the value enters the model.
 */
export function isWholeMiles(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
