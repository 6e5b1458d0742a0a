// Calendar dates on the wire: "yyyy-mm-dd" strings (no time, no time zone), checked to exist. The check and
// the date arithmetic live once, in @orgboard/locale-vi; the contract re-exports what clients need.
export { daysInMonth, isIsoDate, isLeapYear, type IsoDate } from "@orgboard/locale-vi";
