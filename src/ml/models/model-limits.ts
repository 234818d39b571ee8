/**
 * The largest model files read (framework-free, so the page can refuse a file before reading it).
 * The book's models are at most a few MB (the article's CNN 4.6 MB of weights, the digits
 * generator 1 MB); anything far bigger is not one of them, and reading it would only risk the
 * tab's memory.
 */
export const MAX_MODEL_JSON_BYTES = 2 * 1024 * 1024;
export const MAX_WEIGHTS_BYTES = 64 * 1024 * 1024;
