/** The time layer (DESIGN "time/"): zone, date parsing, audit window and working-day calendar. */
export * from "./calendar.js";
export * from "./parse.js";
export * from "./window.js";
export * from "./zone.js";
