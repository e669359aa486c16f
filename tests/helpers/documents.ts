/** Reads the text of downloaded documents, as a person opening them would see it. */
import { strFromU8, unzipSync } from 'fflate'
import { PDFParse } from 'pdf-parse'

export async function docxText(bytes: ArrayBuffer): Promise<{ text: string; xml: string; relationships: string }> {
  const files = unzipSync(new Uint8Array(bytes))
  const xml = strFromU8(files['word/document.xml']!)
  const relationships = files['word/_rels/document.xml.rels'] ? strFromU8(files['word/_rels/document.xml.rels']) : ''
  const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
  return { text, xml, relationships }
}

export async function pdfText(bytes: ArrayBuffer): Promise<string> {
  // pdf.js takes ownership of the buffer it parses: give it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes.slice(0)) })
  try {
    return (await parser.getText()).text
  } finally {
    await parser.destroy()
  }
}
