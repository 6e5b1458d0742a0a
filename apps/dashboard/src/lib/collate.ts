// Vietnamese ordering comes from packages/locale-vi (one definition for the whole platform): plain
// strings by ICU "vi" collation, personal names by given name, then family name, then middle names.
export { compareVietnamese as compareVi, compareVietnameseNames as compareViNames } from "@orgboard/locale-vi";
