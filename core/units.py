"""Hours in a month, for turning an hourly rate into a monthly amount.

Two different quantities, each defined here once:

- `SEAT_HOURS_A_MONTH_24X7`: how long one seat is staffed in a month when it is covered around the clock, every
  day of the year (24 hours x 365 days / 12 months = 730). A coverage figure: several agents share such a seat.
  The vendor matcher prices 24/7 cover with it.
- `AGENT_HOURS_A_MONTH`: the hours one full-time agent is paid for in a month (a 40-hour week: 40 x 52 weeks /
  12 months = 173.33). A pay figure: the insights turn an hourly wage or an hourly rate per agent into a monthly
  one with it, and the matcher prices a seat with no hours asked as one full-time agent.
"""

from decimal import Decimal

SEAT_HOURS_A_MONTH_24X7 = Decimal(24 * 365) / 12
AGENT_HOURS_A_MONTH = Decimal(40 * 52) / 12
